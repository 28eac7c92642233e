// Evidence capture on the real engine: a running busybox container's memory lands in ELF cores readelf accepts, the
// bundle verifies, tampering is named, the container is left as it was, and secrets in its environment stay out.
import { execFile } from 'node:child_process';
import { appendFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildBusyboxImage,
  ensureEngine,
  removeTestObjects,
  testDocker,
} from '../../../test/support/engine.js';
import { loadOrCreateSigner } from '../../audit/index.js';
import type { EngineClient } from '../../collect/docker/engine-client.js';
import {
  captureEvidence,
  detectCheckpointSupport,
  type EvidenceBundle,
  exportablePaths,
  redactInspect,
  verifyEvidenceBundle,
} from './index.js';

const run = promisify(execFile);
const PREFIX = 'cgtest-h6a-fx-';
const IMAGE = `${PREFIX}busybox:1`;
// The shell joins the two halves at run time, so the whole marker exists only in its heap, never in its argv.
const MARKER = 'cg_h6a_heap_marker_7f3a';
const SCRIPT = `P=cg_h6a_heap_; Q=\${P}marker_7f3a; nc -l -p 7777 >/dev/null & echo started; echo written >/tmp/evidence-file; while true; do sleep 1; done`;
const SECRET = 'hunter2-cg-h6a-secret';

const hasGdb =
  process.arch === 'x64' &&
  (await run('gdb', ['--version']).then(
    () => true,
    () => false,
  ));
const hasReadelf = await run('readelf', ['--version']).then(
  () => true,
  () => false,
);

describe('evidence capture', () => {
  let client: EngineClient;
  let docker: Docker;
  let home: string;
  let containerId: string;
  let bundle: EvidenceBundle;

  beforeAll(async () => {
    client = await ensureEngine();
    docker = await testDocker();
    await removeTestObjects(PREFIX);
    await buildBusyboxImage(IMAGE);
    home = await mkdtemp(join(tmpdir(), 'cgtest-h6a-home-'));
    const c = await docker.createContainer({
      name: `${PREFIX}target`,
      Image: IMAGE,
      Cmd: ['sh', '-c', SCRIPT],
      Env: [`API_TOKEN=${SECRET}`],
    });
    await c.start();
    containerId = c.id;
    // Ready once the file the script writes is there and its listener is bound (port 7777 is 1E61 in hex).
    const pid = (await c.inspect()).State.Pid;
    for (let i = 0; i < 50; i++) {
      const changes = (await c.changes()) as { Path: string }[] | null;
      const tcp = await readFile(`/proc/${pid}/net/tcp`, 'latin1').catch(() => '');
      if (changes?.some((ch) => ch.Path === '/tmp/evidence-file') && tcp.includes(':1E61 ')) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    bundle = await captureEvidence(
      client,
      { id: containerId, name: null, image: null },
      {
        home,
        signer: loadOrCreateSigner(home),
        alert: { rule: 'Test rule', priority: 'warning' },
        isCheckpointWanted: true,
      },
    );
  }, 120_000);

  afterAll(async () => {
    await removeTestObjects(PREFIX);
    if (home) await rm(home, { recursive: true, force: true });
  });

  it('writes the bundle under the home evidence folder, and an archive', async () => {
    expect(bundle.dir.startsWith(join(home, 'evidence'))).toBe(true);
    expect(bundle.dir).toMatch(/cgtest-h6a-fx-target$/);
    const files = await readdir(bundle.dir);
    expect(files).toEqual(
      expect.arrayContaining([
        'inspect.json',
        'processes.json',
        'connections.json',
        'memory',
        'memory.json',
        'logs.txt',
        'changes.json',
        'changed-files',
        'manifest.json',
      ]),
    );
    const { stdout } = await run('tar', ['-tzf', bundle.archive]);
    expect(stdout).toContain('/manifest.json');
    expect(stdout).toMatch(/\/memory\/\d+\.core/);
  });

  it('unpauses the container afterwards', async () => {
    const state = (await docker.getContainer(containerId).inspect()).State;
    expect(state.Running).toBe(true);
    expect(state.Paused).toBe(false);
    expect(bundle.isPaused).toBe(false);
  });

  it('verifies, with the home key as the trusted key', async () => {
    const verdict = await verifyEvidenceBundle(bundle.dir, loadOrCreateSigner(home));
    expect(verdict.problems).toEqual([]);
    expect(verdict.isValid).toBe(true);
    expect(verdict.manifest).toMatchObject({ container: { id: containerId } });
  });

  it('keeps environment values out and records processes, logs and the changed file', async () => {
    const inspect = await readFile(join(bundle.dir, 'inspect.json'), 'utf8');
    expect(inspect).not.toContain(SECRET);
    expect(inspect).toContain('API_TOKEN=<redacted>');
    const { processes } = JSON.parse(await readFile(join(bundle.dir, 'processes.json'), 'utf8')) as {
      processes: { pid: number; cmdline: string; exeSha256: string | null }[];
    };
    expect(processes.some((p) => p.cmdline.includes('while true'))).toBe(true);
    expect(processes.every((p) => p.exeSha256 !== null)).toBe(true);
    expect(await readFile(join(bundle.dir, 'logs.txt'), 'utf8')).toContain('started');
    const exported = JSON.parse(await readFile(join(bundle.dir, 'changed-files.json'), 'utf8')) as {
      exported: { path: string; file: string }[];
    };
    const entry = exported.exported.find((e) => e.path === '/tmp/evidence-file');
    expect(entry).toBeDefined();
    const tar = await readFile(join(bundle.dir, entry?.file ?? ''));
    expect(tar.toString('latin1')).toContain('written');
  });

  it('records the process tree and the listening socket with the process holding it', async () => {
    const { processes } = JSON.parse(await readFile(join(bundle.dir, 'processes.json'), 'utf8')) as {
      processes: { pid: number; ppid: number; name: string; children: number[] }[];
    };
    const shell = processes.find((p) => p.name === 'sh');
    const listener = processes.find((p) => p.name === 'nc');
    expect(listener?.ppid).toBe(shell?.pid);
    expect(shell?.children).toContain(listener?.pid);
    const { sockets } = JSON.parse(await readFile(join(bundle.dir, 'connections.json'), 'utf8')) as {
      sockets: { protocol: string; local: string; state: string; pids: number[] }[];
    };
    const listening = sockets.find((s) => s.state === 'LISTEN' && s.local.endsWith(':7777'));
    expect(listening?.pids).toEqual([listener?.pid]);
  });

  it("holds the marker from the shell's heap in a core file", async () => {
    const cores = await readdir(join(bundle.dir, 'memory'));
    expect(cores.length).toBeGreaterThan(0);
    const found = await Promise.all(
      cores.map(async (c) => (await readFile(join(bundle.dir, 'memory', c))).includes(MARKER)),
    );
    expect(found).toContain(true);
  });

  it.runIf(hasReadelf)('writes cores readelf reads: LOAD segments and the CORE notes', async () => {
    const [core] = await readdir(join(bundle.dir, 'memory'));
    const path = join(bundle.dir, 'memory', core ?? '');
    const header = await run('readelf', ['-h', path]);
    expect(header.stdout).toMatch(/Type:\s+CORE/);
    const segments = await run('readelf', ['-lW', path]);
    expect(segments.stdout).toMatch(/NOTE/);
    expect(segments.stdout.match(/\bLOAD\b/g)?.length ?? 0).toBeGreaterThan(3);
    expect(segments.stderr).toBe('');
    const notes = await run('readelf', ['-nW', path]);
    expect(notes.stdout).toMatch(/NT_PRSTATUS/);
    expect(notes.stdout).toMatch(/NT_PRPSINFO/);
    expect(notes.stdout).toMatch(/NT_FILE/);
    expect(notes.stderr).toBe('');
  });

  it.runIf(hasGdb)('writes cores gdb loads, with registers and the mapped files', async () => {
    const cores = await readdir(join(bundle.dir, 'memory'));
    const path = join(bundle.dir, 'memory', cores[0] ?? '');
    const { stdout } = await run('gdb', [
      '-nx',
      '-batch',
      '-ex',
      'info registers rsp',
      '-ex',
      'info proc mappings',
      '-c',
      path,
    ]);
    expect(stdout).toMatch(/rsp\s+0x[1-9a-f]/);
    expect(stdout).toMatch(/(0x[0-9a-f]+\s+){4}\/bin\/busybox/);
  });

  it('records why CRIU cannot checkpoint here instead of failing', async () => {
    const support = await detectCheckpointSupport(client);
    if (support.isAvailable) return;
    expect(support.reason.length).toBeGreaterThan(5);
    const manifest = JSON.parse(await readFile(join(bundle.dir, 'manifest.json'), 'utf8')) as {
      notes: string[];
    };
    expect(manifest.notes).toContain(`CRIU unavailable: ${support.reason}`);
    const checkpoint = JSON.parse(await readFile(join(bundle.dir, 'checkpoint.json'), 'utf8'));
    expect(checkpoint).toEqual({ isAvailable: false, reason: support.reason });
  });

  describe('tampering', () => {
    async function copyBundle(): Promise<string> {
      const copy = await mkdtemp(join(tmpdir(), 'cgtest-h6a-copy-'));
      await run('cp', ['-a', `${bundle.dir}/.`, copy]);
      return copy;
    }

    it('names a modified file', async () => {
      const copy = await copyBundle();
      try {
        await appendFile(join(copy, 'logs.txt'), 'forged line\n');
        const verdict = await verifyEvidenceBundle(copy);
        expect(verdict.isValid).toBe(false);
        expect(verdict.problems).toEqual(['logs.txt was modified']);
      } finally {
        await rm(copy, { recursive: true, force: true });
      }
    });

    it('names removed and added files', async () => {
      const copy = await copyBundle();
      try {
        await rm(join(copy, 'processes.json'));
        await writeFile(join(copy, 'planted.txt'), 'x');
        const verdict = await verifyEvidenceBundle(copy);
        expect(verdict.problems).toEqual(['processes.json is missing', 'planted.txt is not in the manifest']);
      } finally {
        await rm(copy, { recursive: true, force: true });
      }
    });

    it('detects an edited manifest (a hash replaced to match a forged file)', async () => {
      const copy = await copyBundle();
      try {
        await writeFile(join(copy, 'logs.txt'), 'nothing happened\n');
        const manifest = JSON.parse(await readFile(join(copy, 'manifest.json'), 'utf8'));
        const { createHash } = await import('node:crypto');
        const forged = Buffer.from('nothing happened\n');
        for (const f of manifest.files) {
          if (f.path === 'logs.txt') {
            f.size = forged.length;
            f.sha256 = createHash('sha256').update(forged).digest('hex');
          }
        }
        await writeFile(join(copy, 'manifest.json'), JSON.stringify(manifest));
        const verdict = await verifyEvidenceBundle(copy);
        expect(verdict.isValid).toBe(false);
        expect(verdict.problems.join('\n')).toMatch(/signature does not verify/);
      } finally {
        await rm(copy, { recursive: true, force: true });
      }
    });

    it('refuses a manifest that is not JSON, naming it', async () => {
      const copy = await copyBundle();
      try {
        await writeFile(join(copy, 'manifest.json'), '{"truncated');
        const verdict = await verifyEvidenceBundle(copy);
        expect(verdict.isValid).toBe(false);
        expect(verdict.problems[0]).toMatch(/manifest\.json/);
      } finally {
        await rm(copy, { recursive: true, force: true });
      }
    });
  });
});

describe('evidence capture edge cases', () => {
  let client: EngineClient;
  let docker: Docker;
  let home: string;

  beforeAll(async () => {
    client = await ensureEngine();
    docker = await testDocker();
    await buildBusyboxImage(IMAGE);
    home = await mkdtemp(join(tmpdir(), 'cgtest-h6a-home-'));
  }, 120_000);

  afterAll(async () => {
    await removeTestObjects(PREFIX);
    if (home) await rm(home, { recursive: true, force: true });
  });

  it('fails for a container that does not exist, naming it, and leaves no bundle', async () => {
    const missing = 'd'.repeat(64);
    await expect(
      captureEvidence(
        client,
        { id: missing, name: null, image: null },
        { home, signer: loadOrCreateSigner(home) },
      ),
    ).rejects.toThrow(/no such container/i);
    expect(await readdir(home)).not.toContain('evidence');
  });

  it('captures a stopped container without processes or memory, saying why, and the bundle verifies', async () => {
    const c = await docker.createContainer({
      name: `${PREFIX}edge-stopped`,
      Image: IMAGE,
      Cmd: ['echo', 'bye'],
    });
    await c.start();
    await c.wait();
    const bundle = await captureEvidence(
      client,
      { id: c.id, name: null, image: null },
      { home, signer: loadOrCreateSigner(home) },
    );
    expect(bundle.notes).toContain(
      'the container is not running: no processes, sockets or memory to capture',
    );
    expect(await readFile(join(bundle.dir, 'logs.txt'), 'utf8')).toMatch(/bye/);
    expect((await readdir(bundle.dir)).includes('memory')).toBe(false);
    expect((await verifyEvidenceBundle(bundle.dir)).isValid).toBe(true);
  });

  it('honours the memory bounds, keeps the container paused when asked, and never reuses a directory', async () => {
    const c = await docker.createContainer({
      name: `${PREFIX}edge-bounded`,
      Image: IMAGE,
      Cmd: ['sh', '-c', 'while true; do sleep 1; done'],
    });
    await c.start();
    const fixed = () => new Date('2026-11-22T12:00:00.000Z');
    const options = {
      home,
      signer: loadOrCreateSigner(home),
      now: fixed,
      limits: { memoryRegionBytes: 64 * 1024, memoryTotalBytes: 256 * 1024 },
    };
    const first = await captureEvidence(client, { id: c.id, name: null, image: null }, options);
    const second = await captureEvidence(
      client,
      { id: c.id, name: null, image: null },
      { ...options, keepPaused: true },
    );
    expect(second.dir).toBe(`${first.dir}-2`);
    expect(second.isPaused).toBe(true);
    expect((await c.inspect()).State.Paused).toBe(true);
    const memory = JSON.parse(await readFile(join(first.dir, 'memory.json'), 'utf8')) as {
      cores: { bytesRead: number; skipped: { reason: string }[] }[];
    };
    const total = memory.cores.reduce((sum, core) => sum + core.bytesRead, 0);
    expect(total).toBeLessThanOrEqual(256 * 1024);
    expect(memory.cores.flatMap((core) => core.skipped.map((s) => s.reason))).toEqual(
      expect.arrayContaining([expect.stringMatching(/larger than 65536 bytes|over the \d+ byte total/)]),
    );
    await c.unpause();
  });
});

describe('bundle helpers', () => {
  it('redacts every environment value and keeps the names', () => {
    const redacted = redactInspect({
      Id: 'x',
      Config: { Env: ['PASSWORD=s3cret', 'EMPTY=', 'NOVALUE', 'URL=postgres://u:p@h/db'] },
    });
    expect(redacted.Config?.Env).toEqual([
      'PASSWORD=<redacted>',
      'EMPTY=<redacted>',
      'NOVALUE',
      'URL=<redacted>',
    ]);
  });

  it('exports only the deepest added or modified paths', () => {
    expect(
      exportablePaths([
        { Path: '/tmp', Kind: 0 },
        { Path: '/tmp/a', Kind: 1 },
        { Path: '/tmp/dir', Kind: 1 },
        { Path: '/tmp/dir/b', Kind: 1 },
        { Path: '/etc/gone', Kind: 2 },
        { Path: '/tmpfile', Kind: 1 },
      ]),
    ).toEqual(['/tmp/a', '/tmp/dir/b', '/tmpfile']);
  });
});
