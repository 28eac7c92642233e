// Generates the bpftrace program from the event types the loaded rules need: tracepoints only (these kernels
// have no kprobes), security context read in the kernel at the event. Design and measurements:
// shared/reference/runtime.md §4 (prototype sensor2.bt) and §8.
//
// Wire format (bpftrace -f json wraps each printf as {"type":"printf","data":"..."}): one record per line,
// tab-separated, starting with a tag; the one free-text field is last, so a tab inside it cannot shift the
// others. Records (ts = nsecs, cg = cgroup-v2 id):
//   B   ts ready                                       probes attached
//   X   ts pid ppid uid gid loginuid capeff(hex) cg tty filename          sched_process_exec
//   XA  ts pid offset argv-chunk(%r: NUL and non-printables as \xNN)      sched_process_exec
//   XC  ts pid cg cgroup-leaf exe-dentry                                  sched_process_exec
//   F   ts ppid child cg  /  E ts pid                                     fork / exit (process table)
//   C   ts pid tid uid cg syscall fd family socktype port ret addr                connect
//   N   ts pid tid uid cg syscall fd family rport lport laddr raddr       accept (peer read from the socket)
//   O   ts pid tid uid cg syscall flags(hex) ret path                     open for write, or a watched read path
//   U   ts pid tid uid cg syscall a0 a1 a2 ret                            setuid/setgid family
//   P   ts pid tid uid cg syscall request target ret                      ptrace (attach and write requests)
//   MT  ts pid tid uid cg syscall ret dir   + K fstype                    mount
//   UL  ts pid tid uid cg syscall ret path                                unlink
//   RN  ts pid tid uid cg syscall ret oldpath + K newpath                 rename
//   SL  ts pid tid uid cg syscall ret target  + K linkpath                symlink
//   IM  ts pid tid uid cg syscall ret                                     init_module
//   D   ts pid tid uid cg syscall oldfd ret family rport lport raddr      dup of a socket onto fd 0-2
//   K   ts tid text                                                       second free text of the record before it

import type { RuntimeEventType } from '../../../core/runtime/runtime-event.js';

/** The largest string size that keeps every probe under the 512-byte BPF stack with bpftrace 0.17 (§4.1). */
export const BPFTRACE_STRLEN = 96;

/** Read paths reported even when opened read-only: credential stores, sudo and PAM rules, root's keys. */
export const DEFAULT_READ_PREFIXES: readonly string[] = [
  '/etc/shadow',
  '/etc/gshadow',
  '/etc/sudoers',
  '/etc/pam.d',
  '/etc/security/opasswd',
  '/root/.ssh',
  '/etc/../',
  '/proc/self/environ',
];

export interface ProgramOptions {
  /** Event types to observe; exec is always observed because every other record is attributed through it. */
  readonly eventTypes: Iterable<RuntimeEventType>;
  /** Paths (prefixes) whose read-only opens are reported; writes are always reported. */
  readonly readPrefixes?: readonly string[];
  /**
   * Tracepoint names present on this kernel (`sys_enter_openat`...), from /sys/kernel/tracing/events/syscalls;
   * syscalls missing there are left out (init_module on kernels without modules). Undefined: assume all.
   */
  readonly tracepoints?: ReadonlySet<string>;
  /** Processes whose events are not reported (the agent itself, so that its own work is no feedback loop). */
  readonly excludePids?: readonly number[];
}

/** O_WRONLY | O_RDWR | O_CREAT | O_TRUNC: an open that can change the file. */
const OPEN_WRITE_MASK = '0x243';
/** Watched read paths compared in one BPF program; see emitOpen. */
const PREFIXES_PER_PROBE = 2;
const MAX_PREFIX_BYTES = 16;
/** ptrace requests worth reporting: TRACEME, POKETEXT, POKEDATA, POKEUSER, SETREGS, ATTACH, SEIZE. */
const PTRACE_REQUESTS = [0, 4, 5, 6, 13, 16, 0x4206];

const CTX = 'nsecs, pid, tid, uid, cgroup';
const CTX_FMT = '%llu\\t%d\\t%d\\t%d\\t%llu';

interface Builder {
  readonly has: (tracepoint: string) => boolean;
  readonly guard: string;
  readonly out: string[];
}

function quote(text: string): string {
  if (!/^[\x20-\x7e]*$/.test(text) || /["\\]/.test(text)) {
    throw new Error(`bpftrace program: path prefix ${JSON.stringify(text)} must be printable without quotes`);
  }
  return `"${text}"`;
}

/** `enter`/`exit` probe pairs for the syscalls present; a missing half leaves the syscall out. */
function present(b: Builder, syscalls: readonly string[]): string[] {
  return syscalls.filter((s) => b.has(`sys_enter_${s}`) && b.has(`sys_exit_${s}`));
}

function predicate(b: Builder, extra?: string): string {
  const parts = [b.guard, extra].filter((p): p is string => p !== undefined && p !== '');
  return parts.length === 0 ? '' : `/${parts.join(' && ')}/`;
}

function emitExec(b: Builder): void {
  b.out.push(`tracepoint:sched:sched_process_exec
${predicate(b)}
{
  $t = curtask;
  $kn = (uint64)$t->cgroups->dfl_cgrp->kn;
  $ttyidx = (uint64)$t->signal->tty ? $t->signal->tty->index + 1 : 0;
  printf("X\\t%llu\\t%d\\t%d\\t%d\\t%d\\t%d\\t%llx\\t%llu\\t%d\\t%s\\n", nsecs, pid, $t->real_parent->tgid, uid, gid,
    $t->loginuid.val, $t->cred->cap_effective.val, cgroup, $ttyidx, str(args->filename));
  $mm = $t->mm;
  $alen = $mm->arg_end - $mm->arg_start;
  $off = (uint64)0;
  unroll(4) {
    if ($off < $alen) {
      printf("XA\\t%llu\\t%d\\t%d\\t%r\\n", nsecs, pid, $off,
        buf(uptr($mm->arg_start + $off), $alen - $off > ${BPFTRACE_STRLEN} ? ${BPFTRACE_STRLEN} : $alen - $off));
      $off += ${BPFTRACE_STRLEN};
    }
  }
  /* kernfs_node.name is __rcu-tagged and invisible to bpftrace 0.17: read the pointer at offset 16 */
  printf("XC\\t%llu\\t%d\\t%llu\\t%s\\t%s\\n", nsecs, pid, cgroup, str(*(uint64 *)($kn + 16)),
    str($t->mm->exe_file->f_path.dentry->d_name.name));
}

tracepoint:sched:sched_process_fork
${predicate(b)}
{
  printf("F\\t%llu\\t%d\\t%d\\t%llu\\n", nsecs, args->parent_pid, args->child_pid, cgroup);
}

tracepoint:sched:sched_process_exit
${predicate(b, 'pid == tid')}
{
  printf("E\\t%llu\\t%d\\n", nsecs, pid);
}
`);
}

function emitConnect(b: Builder): void {
  if (present(b, ['connect']).length === 0) return;
  b.out.push(`tracepoint:syscalls:sys_enter_connect
${predicate(b)}
{
  @cptr[tid] = (uint64)args->uservaddr;
  @cfd[tid] = args->fd;
}

tracepoint:syscalls:sys_exit_connect
/@cptr[tid]/
{
  $sa = uptr((uint8 *)@cptr[tid]);
  $fam = *(uint16 *)$sa;
  $port = (*(uint8 *)($sa + 2) << 8) | *(uint8 *)($sa + 3);
  $file = *(curtask->files->fdt->fd + @cfd[tid]);
  $stype = ((struct socket *)$file->private_data)->type;
  if ($fam == 2) {
    printf("C\\t${CTX_FMT}\\tconnect\\t%d\\t%d\\t%d\\t%d\\t%d\\t%s\\n", ${CTX}, @cfd[tid], $fam, $stype, $port, args->ret,
      ntop(2, *(uint32 *)($sa + 4)));
  } else if ($fam == 10) {
    printf("C\\t${CTX_FMT}\\tconnect\\t%d\\t%d\\t%d\\t%d\\t%d\\t%s\\n", ${CTX}, @cfd[tid], $fam, $stype, $port, args->ret,
      ntop(10, ((struct sockaddr_in6 *)$sa)->sin6_addr.in6_u.u6_addr8));
  } else if ($fam == 1) {
    printf("C\\t${CTX_FMT}\\tconnect\\t%d\\t%d\\t%d\\t0\\t%d\\t%s\\n", ${CTX}, @cfd[tid], $fam, $stype, args->ret,
      str($sa + 2));
  }
  delete(@cptr[tid]);
  delete(@cfd[tid]);
}
`);
}

function emitAccept(b: Builder): void {
  for (const s of present(b, ['accept', 'accept4'])) {
    // Exit only, peer read from the kernel socket: an accept already blocked when the probes attached is seen too.
    b.out.push(`tracepoint:syscalls:sys_exit_${s}
${predicate(b, 'args->ret >= 0')}
{
  $file = *(curtask->files->fdt->fd + args->ret);
  $sk = ((struct socket *)$file->private_data)->sk;
  $fam = $sk->__sk_common.skc_family;
  $rp = $sk->__sk_common.skc_dport;
  $rport = ($rp >> 8) | (($rp & 0xff) << 8);
  if ($fam == 2) {
    printf("N\\t${CTX_FMT}\\t${s}\\t%d\\t%d\\t%d\\t%d\\t%s\\t%s\\n", ${CTX}, args->ret, $fam, $rport,
      $sk->__sk_common.skc_num, ntop(2, $sk->__sk_common.skc_rcv_saddr), ntop(2, $sk->__sk_common.skc_daddr));
  } else if ($fam == 10) {
    printf("N\\t${CTX_FMT}\\t${s}\\t%d\\t%d\\t%d\\t%d\\t%s\\t%s\\n", ${CTX}, args->ret, $fam, $rport,
      $sk->__sk_common.skc_num, ntop(10, $sk->__sk_common.skc_v6_rcv_saddr.in6_u.u6_addr8),
      ntop(10, $sk->__sk_common.skc_v6_daddr.in6_u.u6_addr8));
  }
}
`);
  }
}

function emitOpen(b: Builder, readPrefixes: readonly string[]): void {
  // Every string literal compared takes BPF stack: more than four overflow the 512 bytes in one program, so
  // the watched paths are split over several programs on the same tracepoint, run in the order attached.
  // Longer literals also broke the stack limit in tests (bpftrace 0.17): compare at most 16 bytes, which can
  // only report more opens than asked for, never fewer.
  const prefixes = [
    ...new Set(readPrefixes.map((p) => Buffer.from(p).subarray(0, MAX_PREFIX_BYTES).toString())),
  ];
  const groups: string[][] = [[]];
  for (const p of prefixes) {
    const last = groups[groups.length - 1] as string[];
    if (last.length < PREFIXES_PER_PROBE) last.push(p);
    else groups.push([p]);
  }
  for (const s of present(b, ['open', 'openat', 'openat2', 'creat'])) {
    const flags = s === 'openat2' ? 'args->how->flags' : s === 'creat' ? '0x241' : 'args->flags';
    b.out.push(`tracepoint:syscalls:sys_enter_${s}
${predicate(b)}
{
  @oflags[tid] = ${flags};
  @optr[tid] = (uint64)args->${s === 'creat' ? 'pathname' : 'filename'};
}
`);
    groups.forEach((group, i) => {
      const isWrite = `(@oflags[tid] & ${OPEN_WRITE_MASK}) != 0`;
      const reads = group.map((p) => `strncmp($path, ${quote(p)}, ${Buffer.byteLength(p)}) == 0`);
      // The first program reports writes; the others only reads, so that no open is reported twice.
      const filter =
        i === 0
          ? [isWrite, ...reads].join(' ||\n      ')
          : `!(${isWrite}) && (${reads.join(' ||\n      ') || '0'})`;
      b.out.push(`tracepoint:syscalls:sys_exit_${s}
/@optr[tid]/
{
  $path = str(uptr((uint8 *)@optr[tid]));
  if (${filter}) {
    printf("O\\t${CTX_FMT}\\t${s}\\t%x\\t%d\\t%s\\n", ${CTX}, @oflags[tid], args->ret, $path);
  }
}
`);
    });
    b.out.push(`tracepoint:syscalls:sys_exit_${s}
/@optr[tid]/
{
  delete(@oflags[tid]);
  delete(@optr[tid]);
}
`);
  }
}

/** Argument names of the setuid family's tracepoints, as in their format files. */
const ID_SYSCALLS: Readonly<Record<string, readonly string[]>> = {
  setuid: ['uid'],
  setreuid: ['ruid', 'euid'],
  setresuid: ['ruid', 'euid', 'suid'],
  setgid: ['gid'],
  setregid: ['rgid', 'egid'],
  setresgid: ['rgid', 'egid', 'sgid'],
};

function emitIds(b: Builder, syscalls: readonly string[]): void {
  for (const s of present(b, syscalls)) {
    const names = ID_SYSCALLS[s] ?? [];
    const values = [0, 1, 2].map((i) => (names[i] === undefined ? '-1' : `(int64)args->${names[i]}`));
    b.out.push(`tracepoint:syscalls:sys_enter_${s}
${predicate(b)}
{
  @u0[tid] = ${values[0]}; @u1[tid] = ${values[1]}; @u2[tid] = ${values[2]}; @useen[tid] = 1;
}

tracepoint:syscalls:sys_exit_${s}
/@useen[tid]/
{
  printf("U\\t${CTX_FMT}\\t${s}\\t%d\\t%d\\t%d\\t%d\\n", ${CTX}, (int32)@u0[tid], (int32)@u1[tid], (int32)@u2[tid],
    args->ret);
  delete(@u0[tid]); delete(@u1[tid]); delete(@u2[tid]); delete(@useen[tid]);
}
`);
  }
}

function emitPtrace(b: Builder): void {
  if (present(b, ['ptrace']).length === 0) return;
  const wanted = PTRACE_REQUESTS.map((r) => `$req == ${r}`).join(' || ');
  b.out.push(`tracepoint:syscalls:sys_enter_ptrace
${predicate(b)}
{
  /* +1 so that PTRACE_TRACEME (0) is a non-zero map value */
  @preq[tid] = args->request + 1;
  @ptarget[tid] = args->pid;
}

tracepoint:syscalls:sys_exit_ptrace
/@preq[tid]/
{
  $req = @preq[tid] - 1;
  if (${wanted}) {
    printf("P\\t${CTX_FMT}\\tptrace\\t%d\\t%d\\t%d\\n", ${CTX}, $req, @ptarget[tid], args->ret);
  }
  delete(@preq[tid]); delete(@ptarget[tid]);
}
`);
}

/** Syscalls with one or two path arguments, reported at exit with their result. */
function emitPaths(
  b: Builder,
  tag: string,
  syscalls: readonly string[],
  first: (s: string) => string,
  second?: (s: string) => string,
): void {
  for (const s of present(b, syscalls)) {
    const keep = second ? `\n  @q2[tid] = (uint64)args->${second(s)};` : '';
    const more = second
      ? `\n  printf("K\\t%llu\\t%d\\t%s\\n", nsecs, tid, str(uptr((uint8 *)@q2[tid])));`
      : '';
    b.out.push(`tracepoint:syscalls:sys_enter_${s}
${predicate(b)}
{
  @q1[tid] = (uint64)args->${first(s)};${keep}
}

tracepoint:syscalls:sys_exit_${s}
/@q1[tid]/
{
  printf("${tag}\\t${CTX_FMT}\\t${s}\\t%d\\t%s\\n", ${CTX}, args->ret, str(uptr((uint8 *)@q1[tid])));${more}
  delete(@q1[tid]);${second ? ' delete(@q2[tid]);' : ''}
}
`);
  }
}

function emitInitModule(b: Builder): void {
  for (const s of present(b, ['init_module', 'finit_module'])) {
    b.out.push(`tracepoint:syscalls:sys_exit_${s}
${predicate(b)}
{
  printf("IM\\t${CTX_FMT}\\t${s}\\t%d\\n", ${CTX}, args->ret);
}
`);
  }
}

function emitDup(b: Builder): void {
  for (const s of present(b, ['dup', 'dup2', 'dup3'])) {
    const oldfd = s === 'dup' ? 'args->fildes' : 'args->oldfd';
    const enterGuard = s === 'dup' ? '' : 'args->newfd <= 2';
    b.out.push(`tracepoint:syscalls:sys_enter_${s}
${predicate(b, enterGuard)}
{
  /* +1 so that fd 0 is a non-zero map value */
  @dold[tid] = ${oldfd} + 1;
}

tracepoint:syscalls:sys_exit_${s}
/@dold[tid]/
{
  $old = @dold[tid] - 1;
  delete(@dold[tid]);
  if (args->ret < 0 || args->ret > 2) { return; }
  $file = *(curtask->files->fdt->fd + args->ret);
  /* only a socket duplicated onto stdio (S_IFSOCK): the reverse-shell pattern */
  if ($file == 0 || ($file->f_inode->i_mode & 0170000) != 0140000) { return; }
  $sk = ((struct socket *)$file->private_data)->sk;
  $fam = $sk->__sk_common.skc_family;
  $rp = $sk->__sk_common.skc_dport;
  $rport = ($rp >> 8) | (($rp & 0xff) << 8);
  if ($fam == 10) {
    printf("D\\t${CTX_FMT}\\t${s}\\t%d\\t%d\\t%d\\t%d\\t%d\\t%s\\n", ${CTX}, $old, args->ret, $fam, $rport,
      $sk->__sk_common.skc_num, ntop(10, $sk->__sk_common.skc_v6_daddr.in6_u.u6_addr8));
  } else {
    printf("D\\t${CTX_FMT}\\t${s}\\t%d\\t%d\\t%d\\t%d\\t%d\\t%s\\n", ${CTX}, $old, args->ret, $fam, $rport,
      $sk->__sk_common.skc_num, ntop(2, $sk->__sk_common.skc_daddr));
  }
}
`);
  }
}

const MAPS = ['@cptr', '@cfd', '@oflags', '@optr', '@u0', '@u1', '@u2', '@useen', '@preq', '@ptarget'];

/** The bpftrace program for `options`; deterministic, so that tests can compare it. */
export function generateProgram(options: ProgramOptions): string {
  const types = new Set(options.eventTypes);
  const available = options.tracepoints;
  const excluded = options.excludePids ?? [];
  for (const p of excluded) {
    if (!Number.isSafeInteger(p) || p <= 0) throw new Error(`bpftrace program: bad pid to exclude: ${p}`);
  }
  const b: Builder = {
    has: (tp) => available === undefined || available.has(tp),
    guard: excluded.map((p) => `pid != ${p}`).join(' && '),
    out: [],
  };
  b.out.push('BEGIN { printf("B\\t%llu\\tready\\n", nsecs); }\n');
  emitExec(b);
  if (types.has('connect')) emitConnect(b);
  if (types.has('accept')) emitAccept(b);
  if (types.has('open')) emitOpen(b, options.readPrefixes ?? DEFAULT_READ_PREFIXES);
  if (types.has('setuid')) emitIds(b, ['setuid', 'setreuid', 'setresuid']);
  if (types.has('setgid')) emitIds(b, ['setgid', 'setregid', 'setresgid']);
  if (types.has('ptrace')) emitPtrace(b);
  if (types.has('mount')) {
    emitPaths(
      b,
      'MT',
      ['mount'],
      () => 'dir_name',
      () => 'type',
    );
  }
  if (types.has('unlink')) emitPaths(b, 'UL', ['unlink', 'unlinkat'], () => 'pathname');
  if (types.has('rename')) {
    emitPaths(
      b,
      'RN',
      ['rename', 'renameat', 'renameat2'],
      () => 'oldname',
      () => 'newname',
    );
  }
  if (types.has('symlink')) {
    emitPaths(
      b,
      'SL',
      ['symlink', 'symlinkat'],
      () => 'oldname',
      () => 'newname',
    );
  }
  if (types.has('init_module')) emitInitModule(b);
  if (types.has('dup')) emitDup(b);
  const used = [...MAPS, '@q1', '@q2', '@dold'].filter((m) => b.out.some((text) => text.includes(`${m}[`)));
  // Maps are printed at exit unless cleared, which would pollute the record stream.
  b.out.push(`END\n{\n${used.map((m) => `  clear(${m});`).join('\n')}\n}\n`);
  return b.out.join('\n');
}
