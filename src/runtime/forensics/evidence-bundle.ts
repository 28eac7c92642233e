// Evidence capture: one directory per capture under $COASTGUARD_HOME/evidence/<time>-<container>/ (and a .tar.gz of
// it) holding what an investigator needs before containment destroys it. Order follows volatility: freeze the
// container (cgroup freezer: processes and their /proc entries stay), read processes, sockets and memory, then the
// slower engine views (logs, filesystem diff and changed files); the container is unfrozen last unless asked not to.
//
// Files: inspect.json (environment values redacted), processes.json, connections.json, memory/<pid>.core (ELF
// cores) + memory.json, logs.txt, changes.json, changed-files/<n>.tar + changed-files.json, checkpoint.json,
// notes (in the manifest), manifest.json (signed, see manifest.ts).
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readFile, readlink, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type EngineClient, requestEngine } from '../../collect/docker/engine-client.js';
import type { JsonObject } from '../../core/audit/audit-entry.js';
import type { ContainerRef } from '../../core/runtime/action-record.js';
import { writeBundleArchive } from '../../evidence/archive.js';
import { buildManifest, type EvidenceSigner, MANIFEST_FILE } from '../../evidence/manifest.js';
import { createCheckpoint, detectCheckpointSupport } from './checkpoint.js';
import { readConnections } from './connections.js';
import { hostCoreMachine } from './elf-core.js';
import { saveContainerLogs, saveContainerPath } from './engine-streams.js';
import { type ProcessCore, writeProcessCore } from './proc-memory.js';

export interface EvidenceLimits {
  logTailLines: number;
  logBytes: number;
  /** Total bytes of changed files exported. */
  exportBytes: number;
  /** Changed paths exported at most. */
  exportPaths: number;
  memoryRegionBytes: number;
  /** Memory bytes over all processes. */
  memoryTotalBytes: number;
  /** Processes recorded (and dumped) at most, in pid order. */
  processes: number;
  /** An executable larger than this is listed without its hash. */
  exeHashBytes: number;
}

export const DEFAULT_EVIDENCE_LIMITS: EvidenceLimits = {
  logTailLines: 10_000,
  logBytes: 16 * 1024 * 1024,
  exportBytes: 64 * 1024 * 1024,
  exportPaths: 500,
  memoryRegionBytes: 256 * 1024 * 1024,
  memoryTotalBytes: 1024 * 1024 * 1024,
  processes: 1024,
  exeHashBytes: 512 * 1024 * 1024,
};

export interface CaptureOptions {
  /** The Coastguard home: bundles go under its evidence/ folder. */
  home: string;
  signer: EvidenceSigner;
  /** The alert that triggered the capture, recorded in the manifest. */
  alert?: JsonObject;
  isMemoryWanted?: boolean;
  /** Try a CRIU checkpoint first; where CRIU cannot run, the reason is recorded instead. */
  isCheckpointWanted?: boolean;
  /** Leave the container paused after the capture (a later step contains it). */
  keepPaused?: boolean;
  limits?: Partial<EvidenceLimits>;
  now?: () => Date;
  procRoot?: string;
  signal?: AbortSignal;
}

export interface EvidenceBundle {
  dir: string;
  archive: string;
  /** SHA-256 (hex) of manifest.json's bytes: what the audit trail records. */
  manifestSha256: string;
  notes: string[];
  /** Whether the container is left paused. */
  isPaused: boolean;
}

interface InspectAnswer {
  Id: string;
  Name?: string;
  Config?: { Env?: string[] | null; Image?: string; Tty?: boolean };
  State?: { Running?: boolean; Paused?: boolean; Pid?: number };
  [key: string]: unknown;
}

/** `KEY=value` → `KEY=<redacted>`: environment values hold credentials and never enter a bundle. */
export function redactInspect(inspect: InspectAnswer): InspectAnswer {
  const env = inspect.Config?.Env;
  if (!env || !inspect.Config) return inspect;
  return {
    ...inspect,
    Config: {
      ...inspect.Config,
      Env: env.map((e) => (e.includes('=') ? `${e.slice(0, e.indexOf('='))}=<redacted>` : e)),
    },
  };
}

function safeName(text: string): string {
  return text.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 64) || 'container';
}

/** Changed paths worth exporting: added or modified (Kind 1, 0) with no changed path below them. */
export function exportablePaths(changes: readonly { Path: string; Kind: number }[]): string[] {
  const paths = changes.map((c) => c.Path);
  return changes
    .filter((c) => c.Kind === 0 || c.Kind === 1)
    .map((c) => c.Path)
    .filter((p) => !paths.some((other) => other !== p && other.startsWith(`${p}/`)))
    .sort();
}

interface ProcessRecord {
  pid: number;
  ppid: number;
  name: string;
  cmdline: string;
  uid: number | null;
  exe: string | null;
  exeSha256: string | null;
  cwd: string | null;
  children: number[];
}

async function readProcessRecord(pid: number, procRoot: string, maxExeBytes: number): Promise<ProcessRecord> {
  const base = `${procRoot}/${pid}`;
  const text = async (name: string) =>
    (await readFile(`${base}/${name}`).catch(() => Buffer.alloc(0))).subarray(0, 64 * 1024).toString('utf8');
  const status = await text('status');
  const field = (key: string) => new RegExp(`^${key}:\\s*(.*)$`, 'm').exec(status)?.[1]?.trim();
  const uid = field('Uid')?.split(/\s+/)[0];
  const exeSize = await stat(`${base}/exe`).then(
    (s) => s.size,
    () => undefined,
  );
  const exeHash =
    exeSize === undefined || exeSize > maxExeBytes
      ? null
      : await new Promise<string | null>((resolve) => {
          const hash = createHash('sha256');
          createReadStream(`${base}/exe`, { end: maxExeBytes })
            .on('data', (chunk) => hash.update(chunk))
            .on('end', () => resolve(hash.digest('hex')))
            .on('error', () => resolve(null));
        });
  return {
    pid,
    ppid: Number(field('PPid') ?? 0),
    name: field('Name') ?? '',
    cmdline: (await text('cmdline'))
      .split('\0')
      .filter((a) => a !== '')
      .join(' '),
    uid: uid === undefined ? null : Number(uid),
    exe: await readlink(`${base}/exe`).catch(() => null),
    exeSha256: exeHash,
    cwd: await readlink(`${base}/cwd`).catch(() => null),
    children: [],
  };
}

/** The container's processes by host pid (GET /containers/{id}/top runs ps on the host: PIDs are host pids). */
async function listContainerPids(client: EngineClient, id: string): Promise<number[]> {
  const top = await requestEngine<{ Titles?: string[]; Processes?: string[][] }>(
    client,
    `/containers/${encodeURIComponent(id)}/top`,
  );
  const column = (top.Titles ?? []).indexOf('PID');
  if (column < 0) return [];
  return (top.Processes ?? [])
    .map((row) => Number(row[column]))
    .filter((pid) => Number.isSafeInteger(pid) && pid > 0);
}

/**
 * Captures the evidence of one container. Each part that fails becomes a note in the manifest and the capture goes
 * on; only an unreachable container (inspect fails) or an unwritable home fails the whole capture.
 */
export async function captureEvidence(
  client: EngineClient,
  target: ContainerRef,
  options: CaptureOptions,
): Promise<EvidenceBundle> {
  const limits = { ...DEFAULT_EVIDENCE_LIMITS, ...options.limits };
  const procRoot = options.procRoot ?? '/proc';
  const signal = options.signal ?? new AbortController().signal;
  const now = options.now ?? (() => new Date());
  const notes: string[] = [];
  const idPath = `/containers/${encodeURIComponent(target.id)}`;
  const inspect = await requestEngine<InspectAnswer>(client, `${idPath}/json`);
  const container: ContainerRef = {
    id: inspect.Id,
    name: inspect.Name?.replace(/^\//, '') ?? target.name,
    image: inspect.Config?.Image ?? target.image,
  };

  const createdAt = now().toISOString();
  const evidenceRoot = join(options.home, 'evidence');
  await mkdir(evidenceRoot, { recursive: true, mode: 0o700 });
  const dir = await createBundleDir(
    evidenceRoot,
    `${createdAt.replace(/[:.]/g, '')}-${safeName(container.name ?? container.id.slice(0, 12))}`,
  );
  const writeJson = (name: string, value: unknown) =>
    writeFile(join(dir, name), `${JSON.stringify(value, null, 2)}\n`, { flag: 'wx', mode: 0o600 });
  const attempt = async (what: string, fn: () => Promise<void>): Promise<void> => {
    try {
      await fn();
    } catch (err) {
      notes.push(`${what} failed: ${(err as Error).message}`);
    }
  };
  await writeJson('inspect.json', redactInspect(inspect));

  if (options.isCheckpointWanted) {
    await attempt('checkpoint', async () => {
      const support = await detectCheckpointSupport(client);
      if (!support.isAvailable) {
        notes.push(`CRIU unavailable: ${support.reason}`);
        await writeJson('checkpoint.json', { isAvailable: false, reason: support.reason });
        return;
      }
      const name = await createCheckpoint(
        client,
        container.id,
        `coastguard-${createdAt.replace(/[:.]/g, '')}`,
      );
      await writeJson('checkpoint.json', { isAvailable: true, checkpoint: name });
    });
  }

  const isRunning = inspect.State?.Running === true;
  const wasPaused = inspect.State?.Paused === true;
  let isPaused = wasPaused;
  if (isRunning && !wasPaused) {
    await attempt('pause', async () => {
      await requestEngine(client, `${idPath}/pause`, { method: 'POST' });
      isPaused = true;
    });
  }
  if (!isRunning) notes.push('the container is not running: no processes, sockets or memory to capture');
  try {
    const pids = isRunning
      ? await listContainerPids(client, container.id).catch((err: Error) => {
          notes.push(`process list failed: ${err.message}`);
          return [] as number[];
        })
      : [];
    if (pids.length > limits.processes) {
      notes.push(`${pids.length - limits.processes} processes not recorded (limit ${limits.processes})`);
      pids.splice(limits.processes);
    }
    const processes = await Promise.all(
      pids.map((pid) => readProcessRecord(pid, procRoot, limits.exeHashBytes)),
    );
    for (const p of processes) processes.find((parent) => parent.pid === p.ppid)?.children.push(p.pid);
    await attempt('process tree', () => writeJson('processes.json', { processes }));
    await attempt('connections', async () =>
      writeJson('connections.json', { sockets: await readConnections(pids, procRoot) }),
    );

    if (options.isMemoryWanted !== false && pids.length > 0) {
      await attempt('memory', async () => {
        const machine = hostCoreMachine();
        if (machine === undefined) throw new Error(`no ELF core layout for ${process.arch}`);
        if (!isPaused) notes.push('memory was read from a running container: it may be inconsistent');
        await mkdir(join(dir, 'memory'), { mode: 0o700 });
        const cores: (ProcessCore | { pid: number; error: string })[] = [];
        let budget = limits.memoryTotalBytes;
        for (const pid of pids) {
          try {
            const core = await writeProcessCore(
              pid,
              join(dir, 'memory', `${pid}.core`),
              machine,
              { maxRegionBytes: limits.memoryRegionBytes, maxTotalBytes: budget },
              procRoot,
            );
            budget -= core.bytesRead;
            cores.push(core);
          } catch (err) {
            cores.push({ pid, error: (err as Error).message });
            notes.push(`memory of pid ${pid} failed: ${(err as Error).message}`);
          }
        }
        await writeJson('memory.json', { machine, cores });
      });
    }

    await attempt('logs', async () => {
      const saved = await saveContainerLogs(client, container.id, join(dir, 'logs.txt'), {
        tail: limits.logTailLines,
        limit: limits.logBytes,
        isTty: inspect.Config?.Tty === true,
        signal,
      });
      if (saved.isTruncated) notes.push(`logs truncated at ${limits.logBytes} bytes`);
    });

    await attempt('filesystem diff', async () => {
      const changes =
        (await requestEngine<{ Path: string; Kind: number }[] | null>(client, `${idPath}/changes`)) ?? [];
      await writeJson('changes.json', { changes });
      const paths = exportablePaths(changes);
      if (paths.length > limits.exportPaths) {
        notes.push(
          `${paths.length - limits.exportPaths} changed paths not exported (limit ${limits.exportPaths})`,
        );
      }
      const exported: JsonObject[] = [];
      let budget = limits.exportBytes;
      if (paths.length > 0) await mkdir(join(dir, 'changed-files'), { mode: 0o700 });
      for (const [i, path] of paths.slice(0, limits.exportPaths).entries()) {
        const file = `changed-files/${String(i).padStart(4, '0')}.tar`;
        if (budget <= 0) {
          exported.push({ path, file: null, reason: `over the ${limits.exportBytes} byte export limit` });
          continue;
        }
        try {
          const saved = await saveContainerPath(client, container.id, path, join(dir, file), {
            limit: budget,
            signal,
          });
          budget -= saved.bytes;
          exported.push({ path, file, bytes: saved.bytes, isTruncated: saved.isTruncated });
        } catch (err) {
          exported.push({ path, file: null, reason: (err as Error).message });
        }
      }
      if (paths.length > 0) await writeJson('changed-files.json', { exported });
    });
  } finally {
    if (isPaused && !wasPaused && !options.keepPaused) {
      await attempt('unpause', async () => {
        await requestEngine(client, `${idPath}/unpause`, { method: 'POST' });
        isPaused = false;
      });
    }
  }

  const manifest = await buildManifest(
    dir,
    { createdAt, container, alert: options.alert ?? null, notes },
    options.signer,
  );
  const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
  await writeFile(join(dir, MANIFEST_FILE), manifestText, { flag: 'wx', mode: 0o600 });
  const archive = `${dir}.tar.gz`;
  await writeBundleArchive(dir, archive);
  return {
    dir,
    archive,
    manifestSha256: createHash('sha256').update(manifestText).digest('hex'),
    notes,
    isPaused,
  };
}

/** A new owner-only directory: never reuses one, so two captures in the same millisecond never mix. */
async function createBundleDir(root: string, name: string): Promise<string> {
  for (let n = 1; ; n++) {
    const dir = join(root, n === 1 ? name : `${name}-${n}`);
    try {
      await mkdir(dir, { mode: 0o700 });
      return dir;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || n >= 100) throw err;
    }
  }
}
