// fd.* fields: the file or socket an event acts on. Client/server follow Falco: a connect's client is the
// acting process, an accept's server is; local/remote (fd.lip, fd.rport...) are derived from that.

import type { FdType, RuntimeEvent } from '../../../core/runtime/runtime-event.js';
import type { FieldDefinition, FieldScalar } from './field.js';

const TYPECHARS: Record<FdType, string> = {
  file: 'f',
  directory: 'd',
  ipv4: '4',
  ipv6: '6',
  unix: 'u',
  pipe: 'p',
  event: 'e',
  signalfd: 's',
  eventpoll: 'l',
  inotify: 'i',
  timerfd: 't',
  netlink: 'n',
  memfd: 'm',
};

function isServerSide(e: RuntimeEvent): boolean {
  return e.type === 'accept';
}

function someOf(
  a: FieldScalar | null,
  b: FieldScalar | null,
  test: (v: FieldScalar) => boolean,
): boolean | null {
  if (a === null && b === null) return null;
  return (a !== null && test(a)) || (b !== null && test(b));
}

function both<T extends FieldScalar>(a: T | null, b: T | null): T[] | null {
  if (a === null && b === null) return null;
  const out: T[] = [];
  if (a !== null) out.push(a);
  if (b !== null) out.push(b);
  return out;
}

export const fdFields: readonly FieldDefinition[] = [
  { name: 'fd.num', type: 'number', description: 'fd number', path: ['fd', 'num'], read: (e) => e.fd.num },
  {
    name: 'fd.type',
    type: 'string',
    description: 'file, directory, ipv4, ipv6, unix...',
    path: ['fd', 'type'],
    read: (e) => e.fd.type,
  },
  {
    name: 'fd.typechar',
    type: 'string',
    description: "one-letter fd type: f, d, 4, 6, u... ('f' file, '4' IPv4 socket)",
    read: (e) => (e.fd.type === null ? null : TYPECHARS[e.fd.type]),
  },
  {
    name: 'fd.sockfamily',
    type: 'string',
    description: 'ip or unix',
    read: (e) => (e.fd.type === 'ipv4' || e.fd.type === 'ipv6' ? 'ip' : e.fd.type === 'unix' ? 'unix' : null),
  },
  {
    name: 'fd.name',
    type: 'string',
    description: 'resolved path or connection tuple',
    path: ['fd', 'name'],
    read: (e) => e.fd.name,
  },
  {
    name: 'fd.nameraw',
    type: 'string',
    description: 'the path as the process passed it',
    path: ['fd', 'nameraw'],
    read: (e) => e.fd.nameraw,
  },
  {
    name: 'fd.directory',
    type: 'string',
    description: 'directory of the file',
    path: ['fd', 'directory'],
    read: (e) => e.fd.directory,
  },
  {
    name: 'fd.filename',
    type: 'string',
    description: 'base name of the file',
    path: ['fd', 'filename'],
    read: (e) => e.fd.filename,
  },
  {
    name: 'fd.l4proto',
    type: 'string',
    description: 'tcp, udp, icmp or raw',
    path: ['fd', 'l4proto'],
    read: (e) => e.fd.l4proto,
  },
  {
    name: 'fd.cip',
    type: 'ipaddr',
    description: 'client address',
    path: ['fd', 'cip'],
    read: (e) => e.fd.cip,
  },
  {
    name: 'fd.sip',
    type: 'ipaddr',
    description: 'server address',
    path: ['fd', 'sip'],
    read: (e) => e.fd.sip,
  },
  {
    name: 'fd.cport',
    type: 'number',
    description: 'client port',
    path: ['fd', 'cport'],
    read: (e) => e.fd.cport,
  },
  {
    name: 'fd.sport',
    type: 'number',
    description: 'server port',
    path: ['fd', 'sport'],
    read: (e) => e.fd.sport,
  },
  {
    name: 'fd.lip',
    type: 'ipaddr',
    description: 'local address',
    read: (e) => (isServerSide(e) ? e.fd.sip : e.fd.cip),
  },
  {
    name: 'fd.rip',
    type: 'ipaddr',
    description: 'remote address',
    read: (e) => (isServerSide(e) ? e.fd.cip : e.fd.sip),
  },
  {
    name: 'fd.lport',
    type: 'number',
    description: 'local port',
    read: (e) => (isServerSide(e) ? e.fd.sport : e.fd.cport),
  },
  {
    name: 'fd.rport',
    type: 'number',
    description: 'remote port',
    read: (e) => (isServerSide(e) ? e.fd.cport : e.fd.sport),
  },
  {
    name: 'fd.ip',
    type: 'ipaddr',
    description: 'either end: matches when the client or the server address does',
    cardinality: 'many',
    read: (e) => both(e.fd.cip, e.fd.sip),
    some: (e, _arg, test) => someOf(e.fd.cip, e.fd.sip, test),
  },
  {
    name: 'fd.port',
    type: 'number',
    description: 'either end: matches when the client or the server port does',
    cardinality: 'many',
    read: (e) => both(e.fd.cport, e.fd.sport),
    some: (e, _arg, test) => someOf(e.fd.cport, e.fd.sport, test),
  },
  {
    name: 'fd.net',
    type: 'ipnet',
    description: 'either end, against networks: fd.net = "10.0.0.0/8"',
    cardinality: 'many',
    read: (e) => both(e.fd.cip, e.fd.sip),
    some: (e, _arg, test) => someOf(e.fd.cip, e.fd.sip, test),
  },
  { name: 'fd.cnet', type: 'ipnet', description: 'client address, against networks', read: (e) => e.fd.cip },
  { name: 'fd.snet', type: 'ipnet', description: 'server address, against networks', read: (e) => e.fd.sip },
  {
    name: 'fd.lnet',
    type: 'ipnet',
    description: 'local address, against networks',
    read: (e) => (isServerSide(e) ? e.fd.sip : e.fd.cip),
  },
  {
    name: 'fd.rnet',
    type: 'ipnet',
    description: 'remote address, against networks',
    read: (e) => (isServerSide(e) ? e.fd.cip : e.fd.sip),
  },
];
