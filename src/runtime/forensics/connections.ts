// A container's open sockets: the tables of its network namespace (/proc/PID/net/{tcp,tcp6,udp,udp6}, proc(5)) and
// which of its processes hold each socket (the `socket:[inode]` links in /proc/PID/fd).
import { readdir, readFile, readlink } from 'node:fs/promises';

export interface SocketEntry {
  protocol: 'tcp' | 'tcp6' | 'udp' | 'udp6';
  local: string;
  remote: string;
  /** TCP state name (`ESTABLISHED`, `LISTEN`...); for UDP the kernel's number as a name where it has one. */
  state: string;
  inode: number;
  uid: number;
  /** Pids of the container's processes holding the socket. */
  pids: number[];
}

const TCP_STATES = [
  '',
  'ESTABLISHED',
  'SYN_SENT',
  'SYN_RECV',
  'FIN_WAIT1',
  'FIN_WAIT2',
  'TIME_WAIT',
  'CLOSE',
  'CLOSE_WAIT',
  'LAST_ACK',
  'LISTEN',
  'CLOSING',
  'NEW_SYN_RECV',
];
const PROTOCOLS = ['tcp', 'tcp6', 'udp', 'udp6'] as const;
const MAX_TABLE_BYTES = 8 * 1024 * 1024;

/**
 * One table of /proc/net/{tcp,udp}[6]: a header line, then `sl local_address rem_address st tx:rx tr:when retrnsmt
 * uid timeout inode ...`, addresses as hex in host byte order per 32-bit word, ports as big-endian hex.
 */
export function parseSocketTable(protocol: SocketEntry['protocol'], text: string): SocketEntry[] {
  const entries: SocketEntry[] = [];
  for (const line of text.split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 10) continue;
    const local = decodeAddress(f[1] ?? '');
    const remote = decodeAddress(f[2] ?? '');
    const st = Number.parseInt(f[3] ?? '', 16);
    if (local === undefined || remote === undefined || Number.isNaN(st)) continue;
    entries.push({
      protocol,
      local,
      remote,
      state: TCP_STATES[st] ?? String(st),
      inode: Number(f[9]),
      uid: Number(f[7]),
      pids: [],
    });
  }
  return entries;
}

/** `0100007F:1F90` → `127.0.0.1:8080`; IPv6 as four little-endian words → `[::1]:8080`. */
export function decodeAddress(field: string): string | undefined {
  const [addr, portHex] = field.split(':');
  if (addr === undefined || portHex === undefined || !/^[0-9A-Fa-f]+$/.test(addr + portHex)) return undefined;
  const port = Number.parseInt(portHex, 16);
  const bytes = Buffer.from(addr, 'hex');
  if (bytes.length === 4) return `${[...bytes].reverse().join('.')}:${port}`;
  if (bytes.length !== 16) return undefined;
  const groups: string[] = [];
  for (let word = 0; word < 4; word++) {
    const w = Buffer.from(bytes.subarray(word * 4, word * 4 + 4)).reverse();
    groups.push(w.readUInt16BE(0).toString(16), w.readUInt16BE(2).toString(16));
  }
  return `[${compressIpv6(groups)}]:${port}`;
}

/** RFC 5952 §4.2: the longest run of two or more zero groups becomes `::`. */
function compressIpv6(groups: readonly string[]): string {
  let best = { at: -1, length: 1 };
  let run = { at: -1, length: 0 };
  groups.forEach((g, i) => {
    if (g !== '0') {
      run = { at: -1, length: 0 };
      return;
    }
    run = run.at < 0 ? { at: i, length: 1 } : { at: run.at, length: run.length + 1 };
    if (run.length > best.length) best = run;
  });
  if (best.at < 0) return groups.join(':');
  return `${groups.slice(0, best.at).join(':')}::${groups.slice(best.at + best.length).join(':')}`;
}

/** The socket inodes each pid holds, from its fd links; a process gone or unreadable holds none. */
async function socketInodes(pid: number, procRoot: string): Promise<number[]> {
  const dir = `${procRoot}/${pid}/fd`;
  const fds = await readdir(dir).catch(() => [] as string[]);
  const inodes: number[] = [];
  for (const fd of fds) {
    const target = await readlink(`${dir}/${fd}`).catch(() => '');
    const m = /^socket:\[(\d+)\]$/.exec(target);
    if (m) inodes.push(Number(m[1]));
  }
  return inodes;
}

/** The sockets of the network namespace `pids[0]` lives in, each with the pids (of `pids`) that hold it. */
export async function readConnections(pids: readonly number[], procRoot = '/proc'): Promise<SocketEntry[]> {
  const first = pids[0];
  if (first === undefined) return [];
  const entries: SocketEntry[] = [];
  for (const protocol of PROTOCOLS) {
    const text = await readFile(`${procRoot}/${first}/net/${protocol}`)
      .then((b) => b.subarray(0, MAX_TABLE_BYTES).toString('latin1'))
      .catch(() => '');
    entries.push(...parseSocketTable(protocol, text));
  }
  const byInode = new Map(entries.map((e) => [e.inode, e]));
  for (const pid of pids) {
    for (const inode of await socketInodes(pid, procRoot)) byInode.get(inode)?.pids.push(pid);
  }
  return entries;
}
