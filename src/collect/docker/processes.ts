// The processes running in each container (CIS 5.7: no sshd inside containers). `docker top` runs ps on the host
// once per container, about 30 ms each: for 200 containers that alone would take seconds. When the engine is on
// this host we read /proc once instead, group processes by their cgroup, and fall back to `docker top` for any
// container we cannot match (another pid namespace, a remote engine).
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { mapConcurrent } from '../map-concurrent.js';
import { readBoundedSync } from '../read-bounded.js';
import { type EngineClient, EngineRequestError, requestEngine } from './engine-client.js';

/** A running container: its id and the host pid of its init process (State.Pid). */
export interface RunningContainer {
  id: string;
  pid: number;
}

/** One host process as read from /proc. */
export interface ProcEntry {
  pid: number;
  /** /proc/PID/cgroup verbatim: identical for every process of one container. */
  cgroup: string;
  /** Command line with arguments joined by spaces; `[comm]` for kernel threads. */
  command: string;
}

const MAX_CGROUP_BYTES = 16 * 1024;
const MAX_CMDLINE_BYTES = 64 * 1024;

/**
 * Command lines per container id, from a /proc table. A container is matched only when its init process's cgroup
 * names the container id, so a pid from another pid namespace can never attribute a stranger's processes.
 */
export function groupProcessesByContainer(
  procs: readonly ProcEntry[],
  containers: readonly RunningContainer[],
): Map<string, string[]> {
  const byPid = new Map(procs.map((p) => [p.pid, p]));
  const idByCgroup = new Map<string, string>();
  for (const container of containers) {
    const init = byPid.get(container.pid);
    if (init?.cgroup.includes(container.id)) idByCgroup.set(init.cgroup, container.id);
  }
  const result = new Map<string, string[]>();
  for (const id of idByCgroup.values()) result.set(id, []);
  for (const proc of [...procs].sort((a, b) => a.pid - b.pid)) {
    const id = idByCgroup.get(proc.cgroup);
    if (id) result.get(id)?.push(proc.command);
  }
  return result;
}

/** `/proc/PID/cmdline` is NUL-separated (and NUL-terminated); empty for kernel threads and zombies. */
export function formatCmdline(cmdline: string, comm: string): string {
  const args = cmdline.split('\0').filter((a) => a !== '');
  return args.length > 0 ? args.join(' ') : `[${comm.trim()}]`;
}

/** Reads cgroup for every process, and the command line only of those in a wanted cgroup. */
export async function readProcTable(
  containers: readonly RunningContainer[],
  procRoot = '/proc',
): Promise<ProcEntry[]> {
  const pids = (await readdir(procRoot)).filter((name) => /^\d+$/.test(name)).map(Number);
  const cgroupByPid = new Map(
    pids.map((pid) => [pid, readProcFile(procRoot, pid, 'cgroup', MAX_CGROUP_BYTES)]),
  );
  const wanted = new Set<string>();
  for (const container of containers) {
    const cgroup = cgroupByPid.get(container.pid);
    if (cgroup?.includes(container.id)) wanted.add(cgroup);
  }
  const entries: ProcEntry[] = [];
  for (const [pid, cgroup] of cgroupByPid) {
    if (cgroup === undefined || !wanted.has(cgroup)) continue;
    const cmdline = readProcFile(procRoot, pid, 'cmdline', MAX_CMDLINE_BYTES);
    // A process that exited between the two reads is simply not listed.
    if (cmdline === undefined) continue;
    const comm = cmdline === '' ? (readProcFile(procRoot, pid, 'comm', 256) ?? '') : '';
    entries.push({ pid, cgroup, command: formatCmdline(cmdline, comm) });
  }
  return entries;
}

function readProcFile(procRoot: string, pid: number, name: string, limit: number): string | undefined {
  try {
    return readBoundedSync(join(procRoot, String(pid), name), limit).toString('utf8');
  } catch {
    return undefined;
  }
}

/** `GET /containers/{id}/top`: the COMMAND column of `ps -eo pid,args` run in the container's pid namespace. */
export async function fetchTop(
  client: EngineClient,
  id: string,
  signal?: AbortSignal,
): Promise<string[] | undefined> {
  try {
    const top = await requestEngine<{ Titles?: string[]; Processes?: string[][] | null }>(
      client,
      `/containers/${encodeURIComponent(id)}/top`,
      { query: { ps_args: '-eo pid,args' }, signal },
    );
    const column = (top.Titles ?? []).findIndex((t) => t === 'COMMAND' || t === 'CMD');
    if (column < 0) return undefined;
    return (top.Processes ?? []).map((row) => row[column] ?? '');
  } catch (err) {
    // Stopped or removed since it was inspected (404, 409, or 500 from older engines): no processes to show. The
    // container is still reported, without `processes`, so a check can say it could not look.
    if (err instanceof EngineRequestError) return undefined;
    throw err;
  }
}

export interface ListProcessesOptions {
  /** Whether the engine runs on this host (a unix socket), so its pids are ours to read in /proc. */
  isLocal: boolean;
  procRoot?: string;
  signal?: AbortSignal;
  concurrency?: number;
}

/** Process command lines for each running container; a container missing from the map could not be listed. */
export async function listContainerProcesses(
  client: EngineClient,
  containers: readonly RunningContainer[],
  options: ListProcessesOptions,
): Promise<Map<string, string[]>> {
  let result = new Map<string, string[]>();
  if (options.isLocal && containers.length > 0) {
    try {
      result = groupProcessesByContainer(await readProcTable(containers, options.procRoot), containers);
    } catch {
      // No readable /proc (another host's view, hardened mounts): `docker top` below covers every container.
    }
  }
  const rest = containers.filter((c) => !result.has(c.id));
  const tops = await mapConcurrent(
    rest,
    options.concurrency ?? 8,
    (c) => fetchTop(client, c.id, options.signal),
    options.signal,
  );
  rest.forEach((c, i) => {
    const processes = tops[i];
    if (processes) result.set(c.id, processes);
  });
  return result;
}
