// A process's memory as an ELF core file: its regions from /proc/PID/maps, their contents from /proc/PID/mem (proc(5)).
// The caller freezes the process first (docker pause) so the regions do not change while they are read.
import { open, readFile } from 'node:fs/promises';
import { type CoreMachine, type CoreProcess, type CoreRegion, layoutCore } from './elf-core.js';

export interface MapsEntry {
  start: bigint;
  end: bigint;
  /** `rwxp` as in maps. */
  perms: string;
  /** Offset into the mapped file. */
  offset: bigint;
  /** The mapped file or pseudo-name (`[heap]`, `[stack]`), empty for anonymous memory. */
  path: string;
  /** Backed by a file (an inode and an absolute path), not anonymous or a pseudo-region. */
  isFile: boolean;
}

/** Line format (proc(5)): `start-end perms offset dev inode [path]`, addresses in hex. Malformed lines are skipped. */
export function parseMaps(text: string): MapsEntry[] {
  const entries: MapsEntry[] = [];
  for (const line of text.split('\n')) {
    const m = /^([0-9a-f]+)-([0-9a-f]+)\s+([r-][w-][x-][ps])\s+([0-9a-f]+)\s+\S+\s+(\d+)\s*(.*)$/.exec(line);
    if (!m) continue;
    const start = BigInt(`0x${m[1]}`);
    const end = BigInt(`0x${m[2]}`);
    if (end <= start) continue;
    entries.push({
      start,
      end,
      perms: m[3] ?? '----',
      offset: BigInt(`0x${m[4]}`),
      path: m[6] ?? '',
      isFile: m[5] !== '0' && (m[6] ?? '').startsWith('/'),
    });
  }
  return entries;
}

export interface MemoryLimits {
  /** A region larger than this is listed in the core without contents. */
  maxRegionBytes: number;
  /** Contents stop being read once the process's core would exceed this. */
  maxTotalBytes: number;
}

export interface SkippedRegion {
  start: string;
  end: string;
  path: string;
  reason: string;
}

export interface ProcessCore {
  pid: number;
  regions: number;
  bytesRead: number;
  skipped: SkippedRegion[];
}

/** Pseudo-regions that are not the process's memory: reading them fails or yields the kernel's pages. */
const UNREADABLE = new Set(['[vvar]', '[vsyscall]', '[vvar_vclock]']);

/**
 * Writes `path` as an ELF core of `pid`. Regions that cannot be read (no `r`, kernel pseudo-regions, over a limit,
 * or an I/O error) stay in the program headers without contents and are listed in `skipped`.
 */
export async function writeProcessCore(
  pid: number,
  path: string,
  machine: CoreMachine,
  limits: MemoryLimits,
  procRoot = '/proc',
): Promise<ProcessCore> {
  const base = `${procRoot}/${pid}`;
  const maps = parseMaps(await readFile(`${base}/maps`, 'utf8'));
  const info = await readCoreProcess(pid, base, maps);
  const skipped: SkippedRegion[] = [];
  let planned = 0;
  const regions: CoreRegion[] = maps.map((entry) => {
    const size = entry.end - entry.start;
    const skip = (reason: string): bigint => {
      skipped.push({ start: hex(entry.start), end: hex(entry.end), path: entry.path, reason });
      return 0n;
    };
    let fileSize: bigint;
    if (!entry.perms.startsWith('r')) fileSize = skip('not readable');
    else if (UNREADABLE.has(entry.path)) fileSize = skip('kernel pseudo-region');
    // File positions are doubles here; user-space addresses on x64 and arm64 stay far below 2^53.
    else if (entry.end > BigInt(Number.MAX_SAFE_INTEGER)) fileSize = skip('address beyond 2^53');
    else if (size > BigInt(limits.maxRegionBytes))
      fileSize = skip(`larger than ${limits.maxRegionBytes} bytes`);
    else if (planned + Number(size) > limits.maxTotalBytes)
      fileSize = skip(`over the ${limits.maxTotalBytes} byte total`);
    else {
      planned += Number(size);
      fileSize = size;
    }
    return {
      start: entry.start,
      end: entry.end,
      isReadable: entry.perms[0] === 'r',
      isWritable: entry.perms[1] === 'w',
      isExecutable: entry.perms[2] === 'x',
      fileSize,
    };
  });

  // Contents first, at their planned offsets: a region that fails to read is then dropped from the headers, which
  // are written last, so the file never claims bytes it does not hold.
  const plan = layoutCore(machine, info, regions);
  const mem = await open(`${base}/mem`, 'r');
  const out = await open(path, 'wx', 0o600);
  let bytesRead = 0;
  try {
    for (const [i, region] of regions.entries()) {
      if (region.fileSize === 0n) continue;
      const read = await copyRegion(mem, out, region, plan.offsets[i] ?? 0n);
      if (read === region.fileSize) {
        bytesRead += Number(read);
        continue;
      }
      skipped.push({
        start: hex(region.start),
        end: hex(region.end),
        path: maps[i]?.path ?? '',
        reason: `read ${read} of ${region.fileSize} bytes`,
      });
      region.fileSize = 0n;
    }
    const final = layoutCore(machine, info, regions, plan.offsets);
    await out.write(final.headerBytes, 0, final.headerBytes.length, 0);
    await out.truncate(Number(final.size));
  } finally {
    await out.close();
    await mem.close();
  }
  return { pid, regions: regions.length, bytesRead, skipped };
}

const CHUNK = 1024 * 1024;

async function copyRegion(
  mem: Awaited<ReturnType<typeof open>>,
  out: Awaited<ReturnType<typeof open>>,
  region: CoreRegion,
  offset: bigint,
): Promise<bigint> {
  const buffer = Buffer.alloc(CHUNK);
  let done = 0n;
  while (done < region.fileSize) {
    const want = Number(region.fileSize - done < BigInt(CHUNK) ? region.fileSize - done : BigInt(CHUNK));
    let n: number;
    try {
      ({ bytesRead: n } = await mem.read(buffer, 0, want, Number(region.start + done)));
    } catch {
      return done;
    }
    if (n === 0) return done;
    await out.write(buffer, 0, n, Number(offset + done));
    done += BigInt(n);
  }
  return done;
}

/** The identity and registers a core's notes carry, from /proc/PID/{stat,status,cmdline,syscall,auxv}. */
async function readCoreProcess(pid: number, base: string, maps: readonly MapsEntry[]): Promise<CoreProcess> {
  const text = async (name: string): Promise<string> =>
    (await readFile(`${base}/${name}`).catch(() => Buffer.alloc(0))).subarray(0, 64 * 1024).toString('utf8');
  const stat = await text('stat');
  // stat: `pid (comm) state ppid pgrp session ...`; comm may hold spaces and parentheses, so split at the last ')'.
  const close = stat.lastIndexOf(')');
  const name = stat.slice(stat.indexOf('(') + 1, close);
  const fields = stat.slice(close + 2).split(' ');
  const status = await text('status');
  const idOf = (key: string): number => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
  // syscall: `nr arg1..arg6 sp pc` while blocked in a syscall (a frozen task is); `running` otherwise.
  const syscall = (await text('syscall')).trim().split(' ');
  const register = (index: number): bigint => {
    const value = syscall.length >= 9 ? syscall[index] : undefined;
    return value !== undefined && /^0x[0-9a-f]+$/.test(value) ? BigInt(value) : 0n;
  };
  const auxv = await readFile(`${base}/auxv`).catch(() => Buffer.alloc(0));
  return {
    pid,
    ppid: Number(fields[1] ?? 0),
    pgrp: Number(fields[2] ?? 0),
    sid: Number(fields[3] ?? 0),
    uid: idOf('Uid'),
    gid: idOf('Gid'),
    name,
    args: (await text('cmdline'))
      .split('\0')
      .filter((a) => a !== '')
      .join(' '),
    state: fields[0] ?? 'S',
    sp: register(7),
    pc: register(8),
    auxv: auxv.subarray(0, 4096),
    mappedFiles: maps
      .filter((m) => m.isFile)
      .map((m) => ({ start: m.start, end: m.end, offset: m.offset, path: m.path })),
  };
}

function hex(value: bigint): string {
  return `0x${value.toString(16)}`;
}
