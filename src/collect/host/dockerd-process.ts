// Finds the running dockerd in /proc and reads its command line, so flags given on the command line (which
// override daemon.json) are part of the effective configuration.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { readBoundedSync } from '../read-bounded.js';

const MAX_CMDLINE_BYTES = 128 * 1024;

export interface DockerdProcess {
  pid: number;
  argv: string[];
}

/** `/proc/PID/cmdline`: arguments separated and terminated by NUL. */
export function parseCmdline(raw: string): string[] {
  const args = raw.split('\0');
  if (args[args.length - 1] === '') args.pop();
  return args;
}

/** The dockerd with the lowest pid (the system daemon when a rootless one runs too); undefined when none is visible. */
export async function findDockerdProcess(procRoot = '/proc'): Promise<DockerdProcess | undefined> {
  const pids = (await readdir(procRoot))
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .sort((a, b) => a - b);
  for (const pid of pids) {
    let comm: string;
    try {
      comm = readBoundedSync(join(procRoot, String(pid), 'comm'), 256)
        .toString('utf8')
        .trim();
    } catch {
      continue;
    }
    if (comm !== 'dockerd') continue;
    try {
      const argv = parseCmdline(
        readBoundedSync(join(procRoot, String(pid), 'cmdline'), MAX_CMDLINE_BYTES).toString('utf8'),
      );
      if (argv.length > 0) return { pid, argv };
    } catch {
      // Exited between the two reads, or not ours to read: keep looking.
    }
  }
  return undefined;
}
