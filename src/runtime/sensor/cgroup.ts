// Container ids from cgroup paths and names: Docker's cgroupfs driver (`/docker/<id>`) and systemd driver
// (`/system.slice/docker-<id>.scope`), for cgroup v1 and v2.

import { readFileSync } from 'node:fs';

const ID = /(?:^|[/-])([0-9a-f]{64})(?:\.scope)?$/;

/** The container id a cgroup path or leaf name belongs to, or undefined for a cgroup outside any container. */
export function containerIdFromCgroup(pathOrLeaf: string): string | undefined {
  return ID.exec(pathOrLeaf.trim())?.[1];
}

/** The container id from the lines of `/proc/<pid>/cgroup`, any hierarchy; undefined for host processes. */
export function containerIdFromProcCgroup(text: string): string | undefined {
  for (const line of text.split('\n')) {
    const path = line.split(':').slice(2).join(':');
    const id = containerIdFromCgroup(path);
    if (id !== undefined) return id;
  }
  return undefined;
}

/** `/proc/<pid>/cgroup` read now: `host` outside containers, undefined when the process is gone. */
export function readContainerOfPid(pid: number, procRoot = '/proc'): string | undefined {
  try {
    const text = readFileSync(`${procRoot}/${pid}/cgroup`, 'utf8').slice(0, 64 * 1024);
    return containerIdFromProcCgroup(text) ?? 'host';
  } catch {
    return undefined;
  }
}
