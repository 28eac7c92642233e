// Coastguard's own container, when it runs in one: no runbook may act on it. The cgroup names the container under
// cgroup v1 and the host cgroup namespace; with a private cgroup namespace (v2 default) only the mounts Docker makes
// for /etc/hostname and friends (…/containers/<id>/hostname) still name it.
import { readFile } from 'node:fs/promises';
import { containerIdFromProcCgroup } from '../sensor/cgroup.js';

const MOUNT_ID = /\/containers\/([0-9a-f]{64})\/(?:hostname|hosts|resolv\.conf)\s/;

export function ownContainerIdFrom(cgroup: string, mountinfo: string): string | null {
  return containerIdFromProcCgroup(cgroup) ?? MOUNT_ID.exec(mountinfo)?.[1] ?? null;
}

/** This process's container id, or null on the host. */
export async function detectOwnContainerId(procRoot = '/proc'): Promise<string | null> {
  const read = (name: string) =>
    readFile(`${procRoot}/self/${name}`, 'utf8')
      .then((t) => t.slice(0, 1024 * 1024))
      .catch(() => '');
  return ownContainerIdFrom(await read('cgroup'), await read('mountinfo'));
}
