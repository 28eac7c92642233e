// user.name for processes in containers: the uid looked up in the container's own /etc/passwd (through
// /proc/PID/root, so the host's users never stand in for the container's), read once per container, bounded.
import { readBounded } from '../../collect/read-bounded.js';

const MAX_PASSWD_BYTES = 256 * 1024;
/** Containers whose users are remembered; a host churning containers cannot grow memory without bound. */
const MAX_CONTAINERS = 2_000;

/** uid → name from passwd text; the first entry of a uid wins, as getpwuid's does. */
export function parsePasswd(text: string): Map<number, string> {
  const users = new Map<number, string>();
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const [name, , uid] = line.split(':');
    const id = Number(uid);
    if (name && uid !== undefined && uid !== '' && Number.isSafeInteger(id) && !users.has(id))
      users.set(id, name);
  }
  return users;
}

export interface UserNameResolver {
  /** The name of `uid` in the container of process `pid`, or null when it has none or cannot be read. */
  resolve(containerId: string, pid: number, uid: number): Promise<string | null>;
}

export function createUserNameResolver(procRoot = '/proc'): UserNameResolver {
  const byContainer = new Map<string, Promise<Map<number, string> | undefined>>();
  return {
    async resolve(containerId, pid, uid) {
      let users = byContainer.get(containerId);
      if (users === undefined) {
        if (pid <= 0) return null;
        users = readBounded(`${procRoot}/${pid}/root/etc/passwd`, MAX_PASSWD_BYTES).then(
          (bytes) => parsePasswd(bytes.toString('utf8')),
          () => undefined,
        );
        byContainer.set(containerId, users);
        if (byContainer.size > MAX_CONTAINERS) {
          const oldest = byContainer.keys().next().value;
          if (oldest !== undefined) byContainer.delete(oldest);
        }
      }
      const known = await users;
      // The process may have exited before its root could be read: try again with the next one.
      if (known === undefined) byContainer.delete(containerId);
      return known?.get(uid) ?? null;
    },
  };
}
