// evt.* fields: the event itself (type, number, result, syscall arguments).

import type { RuntimeEvent } from '../../../core/runtime/runtime-event.js';
import type { FieldDefinition } from './field.js';

/** Linux errno names (asm-generic/errno-base.h, errno.h) as Falco renders failed results in `evt.res`. */
const ERRNO_NAMES: Record<number, string> = {
  1: 'EPERM',
  2: 'ENOENT',
  3: 'ESRCH',
  4: 'EINTR',
  5: 'EIO',
  6: 'ENXIO',
  7: 'E2BIG',
  8: 'ENOEXEC',
  9: 'EBADF',
  10: 'ECHILD',
  11: 'EAGAIN',
  12: 'ENOMEM',
  13: 'EACCES',
  14: 'EFAULT',
  16: 'EBUSY',
  17: 'EEXIST',
  18: 'EXDEV',
  19: 'ENODEV',
  20: 'ENOTDIR',
  21: 'EISDIR',
  22: 'EINVAL',
  23: 'ENFILE',
  24: 'EMFILE',
  25: 'ENOTTY',
  26: 'ETXTBSY',
  27: 'EFBIG',
  28: 'ENOSPC',
  29: 'ESPIPE',
  30: 'EROFS',
  31: 'EMLINK',
  32: 'EPIPE',
  36: 'ENAMETOOLONG',
  38: 'ENOSYS',
  39: 'ENOTEMPTY',
  40: 'ELOOP',
  88: 'ENOTSOCK',
  95: 'EOPNOTSUPP',
  97: 'EAFNOSUPPORT',
  98: 'EADDRINUSE',
  99: 'EADDRNOTAVAIL',
  100: 'ENETDOWN',
  101: 'ENETUNREACH',
  103: 'ECONNABORTED',
  104: 'ECONNRESET',
  106: 'EISCONN',
  107: 'ENOTCONN',
  110: 'ETIMEDOUT',
  111: 'ECONNREFUSED',
  113: 'EHOSTUNREACH',
  114: 'EALREADY',
  115: 'EINPROGRESS',
  122: 'EDQUOT',
  125: 'ECANCELED',
};

export function formatResult(res: number): string {
  return res >= 0 ? 'SUCCESS' : (ERRNO_NAMES[-res] ?? `E${-res}`);
}

type ArgReader = (e: RuntimeEvent) => string | number | null;

/** `evt.arg.<name>` / `evt.rawarg.<name>`: the arguments our events carry, under Falco's names. */
const ARG_READERS: Record<string, ArgReader> = {
  flags: (e) => e.args.flags,
  name: (e) => e.args.path,
  path: (e) => e.args.path,
  target: (e) => e.args.target,
  linkpath: (e) => e.args.linkpath,
  oldpath: (e) => e.args.oldpath,
  newpath: (e) => e.args.newpath,
  source: (e) => e.args.source,
  dev: (e) => e.args.source,
  dir: (e) => e.args.dir,
  type: (e) => e.args.fstype,
  uid: (e) => e.args.uid,
  gid: (e) => e.args.gid,
  request: (e) => e.args.request,
  pid: (e) => e.args.pid,
  fd: (e) => e.args.oldfd,
  oldfd: (e) => e.args.oldfd,
  newfd: (e) => e.args.newfd,
  module: (e) => e.args.module,
  res: (e) => e.res,
};
const RAW_ARGS = ['uid', 'gid', 'pid', 'fd', 'oldfd', 'newfd', 'res'];

export const evtFields: readonly FieldDefinition[] = [
  {
    name: 'evt.type',
    type: 'string',
    description: 'syscall name (execve, openat, connect...)',
    path: ['syscall'],
    read: (e) => e.syscall,
  },
  {
    name: 'evt.num',
    type: 'number',
    description: 'event sequence number',
    path: ['num'],
    read: (e) => e.num,
  },
  {
    name: 'evt.time',
    type: 'string',
    description: 'event time, ISO 8601',
    read: (e) => new Date(e.time).toISOString(),
  },
  {
    name: 'evt.rawtime',
    type: 'number',
    description: 'event time, epoch nanoseconds',
    read: (e) => Math.round(e.time * 1e6),
  },
  {
    name: 'evt.res',
    type: 'string',
    description: 'SUCCESS, or the errno name of a failure (ENOENT)',
    read: (e) => formatResult(e.res),
  },
  { name: 'evt.rawres', type: 'number', description: 'raw return value', path: ['res'], read: (e) => e.res },
  { name: 'evt.failed', type: 'boolean', description: 'the syscall failed', read: (e) => e.res < 0 },
  {
    name: 'evt.is_open_read',
    type: 'boolean',
    description: 'open for reading',
    path: ['args', 'isRead'],
    read: (e) => e.args.isRead,
  },
  {
    name: 'evt.is_open_write',
    type: 'boolean',
    description: 'open for writing',
    path: ['args', 'isWrite'],
    read: (e) => e.args.isWrite,
  },
  {
    name: 'evt.arg',
    type: 'string',
    description: 'a syscall argument as text (evt.arg.flags, evt.arg.request, evt.arg.target...)',
    arg: { kind: 'key', required: true, dotted: true, keys: Object.keys(ARG_READERS) },
    read: (e, arg) => {
      const v = ARG_READERS[arg as string]?.(e) ?? null;
      return typeof v === 'number' ? String(v) : v;
    },
  },
  {
    name: 'evt.rawarg',
    type: 'number',
    description: 'a numeric syscall argument (evt.rawarg.uid, evt.rawarg.newfd...)',
    arg: { kind: 'key', required: true, dotted: true, keys: RAW_ARGS },
    read: (e, arg) => {
      const v = ARG_READERS[arg as string]?.(e) ?? null;
      return typeof v === 'number' ? v : null;
    },
  },
];
