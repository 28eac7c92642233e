// The decoder's I/O on this host: cgroup ids to container ids, and /proc for processes started before the sensor.

import { readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { containerIdFromCgroup, readContainerOfPid } from '../cgroup.js';
import type { DecoderHost, ProcessEntry } from './decode.js';

/** Where the cgroup-v2 hierarchy is on hybrid (v1 + v2) hosts and on pure v2 hosts. */
const CGROUP2_ROOTS = ['/sys/fs/cgroup/unified', '/sys/fs/cgroup'];
/** Parents of container cgroups: cgroupfs driver and systemd driver. */
const CONTAINER_PARENTS = ['docker', 'system.slice'];
const MAX_PROC_FILE = 64 * 1024;
const MAX_CACHED = 65_536;

function readSmall(path: string): string | undefined {
  try {
    return readFileSync(path).subarray(0, MAX_PROC_FILE).toString('utf8');
  } catch {
    return undefined;
  }
}

/** Maps cgroup-v2 inode numbers (bpftrace's `cgroup`) to container ids by listing the container cgroups. */
function scanContainerCgroups(into: Map<string, string>): void {
  for (const root of CGROUP2_ROOTS) {
    for (const parent of CONTAINER_PARENTS) {
      let names: string[];
      try {
        names = readdirSync(join(root, parent));
      } catch {
        continue;
      }
      for (const name of names) {
        const id = containerIdFromCgroup(name);
        if (id === undefined) continue;
        try {
          into.set(String(statSync(join(root, parent, name), { bigint: true }).ino), id);
        } catch {
          // Removed while we listed: its processes are gone too.
        }
      }
    }
  }
}

export function readProcessEntry(pid: number, procRoot = '/proc'): ProcessEntry | undefined {
  const stat = readSmall(`${procRoot}/${pid}/stat`);
  if (stat === undefined) return undefined;
  // comm may contain spaces and parentheses: the fields after it start at the last ')'.
  const close = stat.lastIndexOf(')');
  const name = stat.slice(stat.indexOf('(') + 1, close);
  const ppid = Number(stat.slice(close + 2).split(' ')[1]);
  const argv = (readSmall(`${procRoot}/${pid}/cmdline`) ?? '').split('\0');
  if (argv.length > 0 && argv[argv.length - 1] === '') argv.pop();
  let exepath = '';
  try {
    exepath = readlinkSync(`${procRoot}/${pid}/exe`);
  } catch {
    // Kernel threads and other users' processes without ptrace access have no readable exe.
  }
  const args = argv.slice(1);
  return {
    pid,
    ppid: Number.isFinite(ppid) ? ppid : 0,
    name,
    exe: argv[0] ?? name,
    exepath,
    args,
    cmdline: [name, ...args].join(' '),
    tty: 0,
    startTime: null,
    capEffective: null,
    isExeFromMemfd: exepath.startsWith('/memfd:'),
  };
}

export function createHostDecoderIo(procRoot = '/proc'): DecoderHost {
  const containers = new Map<string, string>([['1', 'host']]);
  // CLOCK_MONOTONIC is both bpftrace's nsecs and Node's hrtime.
  const offsetMs = Date.now() - Number(process.hrtime.bigint() / 1000n) / 1000;
  return {
    containerOf(cgroupId, pid) {
      const known = containers.get(cgroupId);
      if (known !== undefined) return known;
      if (containers.size > MAX_CACHED) containers.clear();
      scanContainerCgroups(containers);
      const scanned = containers.get(cgroupId);
      if (scanned !== undefined) return scanned;
      const fromProc = readContainerOfPid(pid, procRoot) ?? 'host';
      containers.set(cgroupId, fromProc);
      return fromProc;
    },
    readProcess: (pid) => readProcessEntry(pid, procRoot),
    readCwd(pid) {
      try {
        return readlinkSync(`${procRoot}/${pid}/cwd`);
      } catch {
        return undefined;
      }
    },
    toEpochMs: (nsecs) => offsetMs + Number(nsecs / 1000n) / 1000,
  };
}
