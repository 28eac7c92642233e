// Whether Docker's data root is a mount point of its own (CIS 1.1.1), from proc(5) mountinfo. Pure parser plus a
// thin reader that prefers dockerd's own mount namespace.
//
// mountinfo line (proc(5)):
//   mount-id parent-id major:minor root mount-point mount-options *(optional-field) "-" fstype source super-options
//   e.g. `36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue`
// Paths escape space, tab, newline and backslash as octal (\040, \011, \012, \134).
import { realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { describeFsError, readBounded } from '../read-bounded.js';

const MAX_MOUNTINFO_BYTES = 8 * 1024 * 1024;

export interface MountEntry {
  mountPoint: string;
  root: string;
  fsType: string;
  source: string;
}

export function parseMountinfo(text: string): MountEntry[] {
  return text.split('\n').flatMap((line) => {
    const fields = line.trim().split(' ');
    const separator = fields.indexOf('-', 6);
    if (fields.length < 10 || separator < 0) return [];
    return [
      {
        root: unescapeOctal(fields[3] ?? ''),
        mountPoint: unescapeOctal(fields[4] ?? ''),
        fsType: fields[separator + 1] ?? '',
        source: unescapeOctal(fields[separator + 2] ?? ''),
      },
    ];
  });
}

function unescapeOctal(value: string): string {
  return value.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(Number.parseInt(octal, 8)));
}

/** The mount that holds `path`: the longest mount point that is `path` or a parent of it (the last one mounted wins). */
export function findMountPoint(mounts: readonly MountEntry[], path: string): MountEntry | undefined {
  let best: MountEntry | undefined;
  for (const mount of mounts) {
    const point = mount.mountPoint;
    const isParent =
      point === '/' || path === point || path.startsWith(point.endsWith('/') ? point : `${point}/`);
    if (isParent && (!best || point.length >= best.mountPoint.length)) best = mount;
  }
  return best;
}

export interface DataRootFacts {
  path: string;
  isSeparateMount?: boolean;
  mountPoint?: string;
  error?: string;
}

/**
 * `path` as the engine reports it. Symbolic links are resolved first (a data root linked onto another disk counts
 * as that disk); dockerd's mount namespace is used when its pid is known, since that is where its data lives.
 */
export async function collectDataRoot(
  path: string,
  options: { dockerdPid?: number; procRoot?: string } = {},
): Promise<DataRootFacts> {
  const procRoot = options.procRoot ?? '/proc';
  const sources = options.dockerdPid ? [join(procRoot, String(options.dockerdPid), 'mountinfo')] : [];
  sources.push(join(procRoot, 'self', 'mountinfo'));
  let text: string | undefined;
  let lastError: unknown;
  for (const source of sources) {
    try {
      text = (await readBounded(source, MAX_MOUNTINFO_BYTES)).toString('utf8');
      break;
    } catch (err) {
      lastError = err;
    }
  }
  if (text === undefined) return { path, error: `cannot read mountinfo: ${describeFsError(lastError)}` };
  const resolved = await realpath(path).catch(() => path);
  const mount = findMountPoint(parseMountinfo(text), resolved);
  if (!mount) return { path, error: `no mount holds ${resolved}` };
  return { path, isSeparateMount: mount.mountPoint === resolved, mountPoint: mount.mountPoint };
}
