// Turns the program's records into RuntimeEvents: assembles exec records, keeps the process table (for names and
// ancestry of later events), and attributes each record to its container through its cgroup id.

import { basename, posix } from 'node:path';
import {
  createRuntimeEvent,
  type ProcessAncestor,
  type ProcessInfo,
  type RuntimeEvent,
  type RuntimeEventInit,
} from '../../../core/runtime/runtime-event.js';
import { containerIdFromCgroup } from '../cgroup.js';
import { describeCapabilities, describeOpenFlags, describePtraceRequest } from '../linux.js';
import { type BpftraceRecord, decodeBuffer, splitArgv } from './parse.js';

/** What the process table keeps of a process: the kernel-side facts of the event model's ProcessInfo. */
export interface ProcessEntry
  extends Pick<
    ProcessInfo,
    | 'pid'
    | 'ppid'
    | 'name'
    | 'exe'
    | 'exepath'
    | 'args'
    | 'cmdline'
    | 'tty'
    | 'startTime'
    | 'capEffective'
    | 'isExeFromMemfd'
  > {
  /** When the process exited (epoch ms); kept a little longer for records that arrive late from another CPU. */
  exitedAt?: number;
}

/** The I/O the decoder needs, injected so that it stays testable. */
export interface DecoderHost {
  /** Container id (`host` outside containers) of a cgroup-v2 id, for a record of `pid`. */
  containerOf(cgroupId: string, pid: number): string;
  /** What /proc says about a process the table does not know (started before the sensor). */
  readProcess(pid: number): ProcessEntry | undefined;
  /** The working directory of a live process, for relative paths; undefined when unknown. */
  readCwd?(pid: number): string | undefined;
  /** Epoch milliseconds of a monotonic nanosecond timestamp. */
  toEpochMs(nsecs: bigint): number;
}

const MAX_ANCESTORS = 16;
/** Exited processes stay this long in the table, for records delivered late by another CPU's buffer. */
const EXIT_GRACE_MS = 2_000;
const MAX_PROCESSES = 65_536;
const COMM_LENGTH = 15;
/** Incomplete exec and path-pair records held at most, per kind. */
const MAX_PENDING = 4096;

interface PendingExec {
  ts: bigint;
  pid: number;
  ppid: number;
  uid: number;
  gid: number;
  loginuid: number;
  capEffective: string | null;
  cgroupId: string;
  tty: number;
  filename: string;
  argv: Buffer[];
}

interface PendingPair {
  tag: string;
  fields: readonly string[];
}

function int(text: string | undefined): number {
  const n = Number(text);
  return Number.isFinite(n) ? n : 0;
}

export interface Decoder {
  /** The event a record completes, if any. */
  push(record: BpftraceRecord): RuntimeEvent | undefined;
  readonly processes: ReadonlyMap<number, ProcessEntry>;
}

export function createDecoder(host: DecoderHost): Decoder {
  const processes = new Map<number, ProcessEntry>();
  const execs = new Map<number, PendingExec>();
  const pairs = new Map<number, PendingPair>();
  let num = 0;

  const sweep = (now: number): void => {
    for (const [pid, p] of processes) {
      if (p.exitedAt !== undefined && now - p.exitedAt > EXIT_GRACE_MS) processes.delete(pid);
    }
    // A bound against a leak when exit records are lost: drop the oldest.
    while (processes.size > MAX_PROCESSES) {
      const first = processes.keys().next();
      if (first.done) break;
      processes.delete(first.value);
    }
  };

  const lookup = (pid: number): ProcessEntry | undefined => {
    const known = processes.get(pid);
    if (known) return known;
    const read = host.readProcess(pid);
    if (read) processes.set(pid, read);
    return read;
  };

  const ancestorsOf = (entry: ProcessEntry): ProcessAncestor[] => {
    const out: ProcessAncestor[] = [];
    let ppid = entry.ppid;
    const seen = new Set([entry.pid]);
    while (ppid > 0 && out.length < MAX_ANCESTORS && !seen.has(ppid)) {
      seen.add(ppid);
      const p = lookup(ppid);
      if (!p) break;
      out.push({ pid: p.pid, name: p.name, exe: p.exe, exepath: p.exepath, cmdline: p.cmdline });
      ppid = p.ppid;
    }
    return out;
  };

  const procInit = (pid: number): RuntimeEventInit['proc'] => {
    const p = lookup(pid);
    if (!p) return { pid };
    return { ...p, ancestors: ancestorsOf(p) };
  };

  const base = (f: readonly string[], type: RuntimeEventInit['type']): RuntimeEventInit => {
    const [ts, pid, , uid, cg, syscall] = f;
    const pidNum = int(pid);
    return {
      type,
      syscall,
      num: ++num,
      time: host.toEpochMs(BigInt(ts ?? '0')),
      proc: procInit(pidNum),
      user: { uid: int(uid) },
      container: { id: host.containerOf(cg ?? '0', pidNum) },
    };
  };

  const finishExec = (x: PendingExec, leaf: string, exeDentry: string): RuntimeEvent => {
    const argv = splitArgv(Buffer.concat(x.argv));
    const name = basename(x.filename).slice(0, COMM_LENGTH);
    const args = argv.slice(1);
    const entry: ProcessEntry = {
      pid: x.pid,
      ppid: x.ppid,
      name,
      exe: argv[0] ?? x.filename,
      exepath: x.filename,
      args,
      cmdline: [name, ...args].join(' '),
      tty: x.tty,
      startTime: host.toEpochMs(x.ts),
      capEffective: x.capEffective,
      isExeFromMemfd: exeDentry.startsWith('memfd:'),
    };
    processes.set(x.pid, entry);
    const container = containerIdFromCgroup(leaf) ?? host.containerOf(x.cgroupId, x.pid);
    return createRuntimeEvent({
      type: 'exec',
      syscall: 'execve',
      num: ++num,
      time: entry.startTime ?? 0,
      res: 0,
      proc: { ...entry, ancestors: ancestorsOf(entry) },
      user: { uid: x.uid, loginuid: x.loginuid },
      container: { id: container },
    });
  };

  const socketFd = (family: number, isStream: boolean) =>
    ({
      type: family === 10 ? 'ipv6' : family === 1 ? 'unix' : 'ipv4',
      l4proto: family === 1 ? null : isStream ? 'tcp' : 'udp',
    }) as const;

  const fromPair = (pending: PendingPair, second: string | null): RuntimeEvent => {
    const f = pending.fields;
    const ret = int(f[6]);
    const first = f[7] ?? '';
    switch (pending.tag) {
      case 'MT':
        return createRuntimeEvent({ ...base(f, 'mount'), res: ret, args: { dir: first, fstype: second } });
      case 'RN':
        return createRuntimeEvent({
          ...base(f, 'rename'),
          res: ret,
          args: { oldpath: first, newpath: second, path: first },
        });
      default:
        return createRuntimeEvent({
          ...base(f, 'symlink'),
          res: ret,
          args: { target: first, linkpath: second, path: second },
        });
    }
  };

  const decode = (r: BpftraceRecord): RuntimeEvent | undefined => {
    const f = r.fields;
    switch (r.tag) {
      case 'X': {
        const [ts, pid, ppid, uid, gid, loginuid, cap, cg, tty, filename] = f;
        const login = int(loginuid);
        execs.set(int(pid), {
          ts: BigInt(ts ?? '0'),
          pid: int(pid),
          ppid: int(ppid),
          uid: int(uid),
          gid: int(gid),
          // (uid_t)-1 printed through %d is -1; an unset loginuid is -1 for Falco too.
          loginuid: login === 4294967295 ? -1 : login,
          capEffective: describeCapabilities(cap ?? '') ?? null,
          cgroupId: cg ?? '0',
          tty: int(tty),
          filename: filename ?? '',
          argv: [],
        });
        return undefined;
      }
      case 'XA': {
        execs.get(int(f[1]))?.argv.push(decodeBuffer(f[3] ?? ''));
        return undefined;
      }
      case 'XC': {
        const pid = int(f[1]);
        const x = execs.get(pid);
        if (!x) return undefined;
        execs.delete(pid);
        return finishExec(x, f[3] ?? '', f[4] ?? '');
      }
      case 'F': {
        const parent = lookup(int(f[1]));
        const child = int(f[2]);
        if (parent && parent.pid !== child) {
          const { exitedAt: _gone, ...alive } = parent;
          processes.set(child, { ...alive, pid: child, ppid: parent.pid });
        }
        return undefined;
      }
      case 'E': {
        const p = processes.get(int(f[1]));
        const now = host.toEpochMs(BigInt(f[0] ?? '0'));
        if (p) p.exitedAt = now;
        sweep(now);
        return undefined;
      }
      case 'C': {
        const [, , , , , , fd, family, stype, port, ret, addr] = f;
        const fam = int(family);
        const isUnix = fam === 1;
        return createRuntimeEvent({
          ...base(f, 'connect'),
          res: int(ret),
          fd: {
            num: int(fd),
            ...socketFd(fam, int(stype) === 1),
            // The local end is not known at connect time: the name is the server end only.
            name: isUnix ? (addr ?? '') : `${addr}:${int(port)}`,
            sip: isUnix ? null : (addr ?? null),
            sport: isUnix ? null : int(port),
          },
        });
      }
      case 'N': {
        const [, , , , , , fd, family, rport, lport, laddr, raddr] = f;
        return createRuntimeEvent({
          ...base(f, 'accept'),
          res: int(fd),
          fd: {
            num: int(fd),
            ...socketFd(int(family), true),
            name: `${raddr}:${int(rport)}->${laddr}:${int(lport)}`,
            cip: raddr ?? null,
            cport: int(rport),
            sip: laddr ?? null,
            sport: int(lport),
          },
        });
      }
      case 'O': {
        const [, pid, , , , , flags, ret, path] = f;
        const mode = describeOpenFlags(Number.parseInt(flags ?? '0', 16) || 0);
        const raw = path ?? '';
        const cwd = raw.startsWith('/') ? null : host.readCwd?.(int(pid));
        const resolved = raw.startsWith('/') ? posix.normalize(raw) : cwd ? posix.join(cwd, raw) : raw;
        const res = int(ret);
        return createRuntimeEvent({
          ...base(f, 'open'),
          res,
          args: { flags: mode.flags, isRead: mode.isRead, isWrite: mode.isWrite, path: raw },
          fd: {
            num: res >= 0 ? res : null,
            type: mode.isDirectory ? 'directory' : 'file',
            name: resolved,
            nameraw: raw,
          },
        });
      }
      case 'U': {
        const [, , , , , syscall, a0, a1, , ret] = f;
        // The id that becomes effective: euid for setreuid/setresuid when given, else the first argument.
        const id = syscall !== 'setuid' && syscall !== 'setgid' && int(a1) !== -1 ? int(a1) : int(a0);
        const isGid = syscall?.endsWith('gid') === true;
        return createRuntimeEvent({
          ...base(f, isGid ? 'setgid' : 'setuid'),
          res: int(ret),
          args: isGid ? { gid: id } : { uid: id },
        });
      }
      case 'P': {
        const [, , , , , , request, target, ret] = f;
        return createRuntimeEvent({
          ...base(f, 'ptrace'),
          res: int(ret),
          args: { request: describePtraceRequest(int(request)), pid: int(target) },
        });
      }
      case 'UL':
        return createRuntimeEvent({ ...base(f, 'unlink'), res: int(f[6]), args: { path: f[7] ?? '' } });
      case 'MT':
      case 'RN':
      case 'SL': {
        pairs.set(int(f[2]), { tag: r.tag, fields: f });
        return undefined;
      }
      case 'K': {
        const tid = int(f[1]);
        const pending = pairs.get(tid);
        if (!pending) return undefined;
        pairs.delete(tid);
        return fromPair(pending, f[2] ?? null);
      }
      case 'IM':
        return createRuntimeEvent({ ...base(f, 'init_module'), res: int(f[6]) });
      case 'D': {
        const [, , , , , , oldfd, ret, family, rport, lport, raddr] = f;
        const res = int(ret);
        const fam = int(family);
        if (fam !== 2 && fam !== 10) {
          return createRuntimeEvent({
            ...base(f, 'dup'),
            res,
            args: { oldfd: int(oldfd), newfd: res },
            fd: { num: res, ...socketFd(fam, true) },
          });
        }
        return createRuntimeEvent({
          ...base(f, 'dup'),
          res,
          args: { oldfd: int(oldfd), newfd: res },
          fd: {
            num: res,
            ...socketFd(fam, true),
            name: `${raddr}:${int(rport)}`,
            sip: raddr ?? null,
            sport: int(rport),
            cport: int(lport),
          },
        });
      }
      default:
        return undefined;
    }
  };

  return {
    processes,
    push(record) {
      // A second half lost to a ring overrun must not let first halves pile up.
      if (pairs.size > MAX_PENDING) pairs.clear();
      if (execs.size > MAX_PENDING) execs.clear();
      return decode(record);
    },
  };
}
