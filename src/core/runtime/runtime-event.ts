// One observed kernel or engine action, attributed to a container. Every sensor emits this shape.
//
// The shape is fixed: every event carries every member, with `null` where a value does not apply or was not
// observed (an open has no ptrace request; a host process has no image). Compiled rule predicates read these
// members directly, and a single object shape keeps them monomorphic; "not observed" stays distinguishable
// from a real value, so a rule never treats a missing value as a match.

export const RUNTIME_EVENT_TYPES = [
  'exec',
  'connect',
  'accept',
  'open',
  'setuid',
  'setgid',
  'ptrace',
  'mount',
  'unlink',
  'rename',
  'symlink',
  'init_module',
  'dup',
] as const;
export type RuntimeEventType = (typeof RUNTIME_EVENT_TYPES)[number];

export function isRuntimeEventType(value: string): value is RuntimeEventType {
  return (RUNTIME_EVENT_TYPES as readonly string[]).includes(value);
}

/**
 * The syscalls each event type stands for; `RuntimeEvent.syscall` is one of them. Rules name syscalls
 * (`evt.type in (execve, execveat)`), and the rules engine maps them to these types to index its rules.
 */
export const SYSCALLS_BY_EVENT_TYPE: Readonly<Record<RuntimeEventType, readonly string[]>> = {
  exec: ['execve', 'execveat'],
  connect: ['connect'],
  accept: ['accept', 'accept4'],
  open: ['open', 'openat', 'openat2', 'creat'],
  setuid: ['setuid', 'setreuid', 'setresuid'],
  setgid: ['setgid', 'setregid', 'setresgid'],
  ptrace: ['ptrace'],
  mount: ['mount'],
  unlink: ['unlink', 'unlinkat'],
  rename: ['rename', 'renameat', 'renameat2'],
  symlink: ['symlink', 'symlinkat'],
  init_module: ['init_module', 'finit_module'],
  dup: ['dup', 'dup2', 'dup3'],
};

/** Falco's fd types (`fd.type`); `fd.typechar` is derived from them. */
export type FdType =
  | 'file'
  | 'directory'
  | 'ipv4'
  | 'ipv6'
  | 'unix'
  | 'pipe'
  | 'event'
  | 'signalfd'
  | 'eventpoll'
  | 'inotify'
  | 'timerfd'
  | 'netlink'
  | 'memfd';

/** Syscall arguments, named as in Falco's event table (`evt.arg.<name>`). */
export interface EventArgs {
  /** Flags as Falco renders them: `O_WRONLY|O_CREAT|O_TRUNC` for open, `EXE_UPPER_LAYER|EXE_WRITABLE` for exec. */
  flags: string | null;
  /** open: opened for reading (O_RDONLY or O_RDWR). */
  isRead: boolean | null;
  /** open: opened for writing (O_WRONLY or O_RDWR). */
  isWrite: boolean | null;
  /** The path as passed to open/unlink (before resolution); `fd.name` holds the resolved path. */
  path: string | null;
  /** symlink: what the link points to. */
  target: string | null;
  /** symlink: where the link is created. */
  linkpath: string | null;
  /** rename: source and destination. */
  oldpath: string | null;
  newpath: string | null;
  /** mount: source device, mount point and filesystem type. */
  source: string | null;
  dir: string | null;
  fstype: string | null;
  /** setuid/setgid: the requested id. */
  uid: number | null;
  gid: number | null;
  /** ptrace: request name (`PTRACE_ATTACH`) and target pid. */
  request: string | null;
  pid: number | null;
  /** dup: the duplicated fd and the fd it was copied onto (the return value for dup). */
  oldfd: number | null;
  newfd: number | null;
  /** init_module: module name when known. */
  module: string | null;
}

/** An ancestor of the acting process; `ancestors[0]` is the parent. */
export interface ProcessAncestor {
  pid: number;
  name: string;
  exe: string;
  exepath: string;
  cmdline: string;
}

export interface ProcessInfo {
  pid: number;
  ppid: number;
  /** comm: the executable's base name, at most 15 characters as the kernel keeps it. */
  name: string;
  /** argv[0]. */
  exe: string;
  /** The full path of the executable image. */
  exepath: string;
  /** argv[1..]. */
  args: string[];
  /** `name` followed by the arguments, space-separated (Falco's `proc.cmdline`). */
  cmdline: string;
  cwd: string | null;
  /** Controlling terminal number; 0 when none. */
  tty: number;
  /** When the process image was executed, epoch milliseconds. */
  startTime: number | null;
  /** Nearest first. */
  ancestors: ProcessAncestor[];
  /** The executable was found in the container's writable (upper) overlay layer, i.e. not in the image. */
  isExeUpperLayer: boolean | null;
  isExeWritable: boolean | null;
  isExeFromMemfd: boolean | null;
  /** Effective capabilities as names separated by spaces (`CAP_CHOWN CAP_SYS_ADMIN`). */
  capEffective: string | null;
}

export interface FdInfo {
  num: number | null;
  type: FdType | null;
  /** Resolved path for files; `cip:cport->sip:sport` for IP sockets; the path for unix sockets. */
  name: string | null;
  /** The path exactly as the process passed it (may contain `..`). */
  nameraw: string | null;
  directory: string | null;
  filename: string | null;
  l4proto: 'tcp' | 'udp' | 'icmp' | 'raw' | null;
  /**
   * Client and server ends of an IP socket, as Falco names them: for a connect the client is this process,
   * for an accept the server is. `fd.lip`/`fd.rip` (local/remote) are derived from the event type.
   */
  cip: string | null;
  cport: number | null;
  sip: string | null;
  sport: number | null;
}

/** The user the process ran as when it made the syscall (for a setuid: before the change). */
export interface UserInfo {
  uid: number | null;
  name: string | null;
  /** Audit login uid; -1 when unset. */
  loginuid: number;
}

export interface ContainerAttribution {
  /** Docker container id (full), or `host` for processes outside any container, as in Falco. */
  id: string;
  name: string | null;
  /** Image reference as the container was created with (`docker.io/library/nginx:1.25`). */
  image: string | null;
  labels: Record<string, string>;
  privileged: boolean | null;
}

export interface RuntimeEvent {
  type: RuntimeEventType;
  /**
   * The syscall name (Falco's `evt.type`): `execve`, `openat`, `dup2`... One of SYSCALLS_BY_EVENT_TYPE[type]:
   * rulesets index rules by `type` and rely on it.
   */
  syscall: string;
  /** Per-sensor sequence number (`evt.num`). */
  num: number;
  /** Epoch milliseconds (fractions allowed). */
  time: number;
  /** Raw syscall return value (`evt.rawres`): an fd, 0, or -errno. */
  res: number;
  args: EventArgs;
  proc: ProcessInfo;
  fd: FdInfo;
  user: UserInfo;
  container: ContainerAttribution;
}

type Init<T> = { [K in keyof T]?: T[K] };

export interface RuntimeEventInit {
  type: RuntimeEventType;
  /** Defaults to the event type's first syscall (`execve` for exec). */
  syscall?: string;
  num?: number;
  time?: number;
  res?: number;
  args?: Init<EventArgs>;
  proc?: Init<ProcessInfo>;
  fd?: Init<FdInfo>;
  user?: Init<UserInfo>;
  container?: Init<ContainerAttribution>;
}

/**
 * Builds an event with every member present, in one fixed order, with `null` (or the documented neutral value)
 * for what `init` leaves out. Sensors should build events through this so that all events share one shape.
 */
export function createRuntimeEvent(init: RuntimeEventInit): RuntimeEvent {
  const a = init.args ?? {};
  const p = init.proc ?? {};
  const f = init.fd ?? {};
  const u = init.user ?? {};
  const c = init.container ?? {};
  const name = p.name ?? '';
  const args = p.args ?? [];
  const path = f.type === 'file' || f.type === 'directory' ? (f.name ?? null) : null;
  const slash = path?.lastIndexOf('/') ?? -1;
  return {
    type: init.type,
    syscall: init.syscall ?? SYSCALLS_BY_EVENT_TYPE[init.type][0] ?? init.type,
    num: init.num ?? 0,
    time: init.time ?? 0,
    res: init.res ?? 0,
    args: {
      flags: a.flags ?? null,
      isRead: a.isRead ?? null,
      isWrite: a.isWrite ?? null,
      path: a.path ?? null,
      target: a.target ?? null,
      linkpath: a.linkpath ?? null,
      oldpath: a.oldpath ?? null,
      newpath: a.newpath ?? null,
      source: a.source ?? null,
      dir: a.dir ?? null,
      fstype: a.fstype ?? null,
      uid: a.uid ?? null,
      gid: a.gid ?? null,
      request: a.request ?? null,
      pid: a.pid ?? null,
      oldfd: a.oldfd ?? null,
      newfd: a.newfd ?? null,
      module: a.module ?? null,
    },
    proc: {
      pid: p.pid ?? 0,
      ppid: p.ppid ?? 0,
      name,
      exe: p.exe ?? name,
      exepath: p.exepath ?? '',
      args,
      cmdline: p.cmdline ?? [name, ...args].join(' '),
      cwd: p.cwd ?? null,
      tty: p.tty ?? 0,
      startTime: p.startTime ?? null,
      ancestors: p.ancestors ?? [],
      isExeUpperLayer: p.isExeUpperLayer ?? null,
      isExeWritable: p.isExeWritable ?? null,
      isExeFromMemfd: p.isExeFromMemfd ?? null,
      capEffective: p.capEffective ?? null,
    },
    fd: {
      num: f.num ?? null,
      type: f.type ?? null,
      name: f.name ?? null,
      nameraw: f.nameraw ?? path,
      directory: f.directory ?? (path !== null && slash >= 0 ? path.slice(0, slash) || '/' : null),
      filename: f.filename ?? (path !== null && slash >= 0 ? path.slice(slash + 1) : null),
      l4proto: f.l4proto ?? null,
      cip: f.cip ?? null,
      cport: f.cport ?? null,
      sip: f.sip ?? null,
      sport: f.sport ?? null,
    },
    user: { uid: u.uid ?? null, name: u.name ?? null, loginuid: u.loginuid ?? -1 },
    container: {
      id: c.id ?? 'host',
      name: c.name ?? null,
      image: c.image ?? null,
      labels: c.labels ?? {},
      privileged: c.privileged ?? null,
    },
  };
}
