// proc.* and thread.* fields: the acting process, its ancestry, and its credentials.
// Falco numbers ancestors from the process itself: proc.aname[0] is proc.name, [1] the parent.

import type { ProcessAncestor, RuntimeEvent } from '../../../core/runtime/runtime-event.js';
import type { FieldDefinition, FieldValue } from './field.js';

function parent(e: RuntimeEvent): ProcessAncestor | undefined {
  return e.proc.ancestors[0];
}

/** Ancestor-indexed fields: `[N]` is one generation (0 = the process), no argument is every ancestor. */
function ancestorField(
  name: string,
  type: 'string' | 'number',
  description: string,
  self: (e: RuntimeEvent) => string | number,
  of: (a: ProcessAncestor) => string | number,
): FieldDefinition {
  return {
    name,
    type,
    description,
    cardinality: 'many-without-arg',
    arg: { kind: 'index', required: false },
    read: (e, arg): FieldValue => {
      if (arg === undefined) return e.proc.ancestors.map(of);
      const n = arg as number;
      if (n === 0) return self(e);
      const a = e.proc.ancestors[n - 1];
      return a === undefined ? null : of(a);
    },
    some: (e, _arg, test) => {
      const list = e.proc.ancestors;
      if (list.length === 0) return null;
      for (let i = 0; i < list.length; i++) if (test(of(list[i] as ProcessAncestor))) return true;
      return false;
    },
  };
}

export const procFields: readonly FieldDefinition[] = [
  {
    name: 'proc.pid',
    type: 'number',
    description: 'process id',
    path: ['proc', 'pid'],
    read: (e) => e.proc.pid,
  },
  {
    name: 'proc.ppid',
    type: 'number',
    description: 'parent id',
    path: ['proc', 'ppid'],
    read: (e) => e.proc.ppid,
  },
  {
    name: 'proc.name',
    type: 'string',
    description: 'executable base name (comm)',
    path: ['proc', 'name'],
    read: (e) => e.proc.name,
  },
  {
    name: 'proc.exe',
    type: 'string',
    description: 'argv[0]',
    path: ['proc', 'exe'],
    read: (e) => e.proc.exe,
  },
  {
    name: 'proc.exepath',
    type: 'string',
    description: 'full executable path',
    path: ['proc', 'exepath'],
    read: (e) => e.proc.exepath,
  },
  {
    name: 'proc.args',
    type: 'string',
    description: 'arguments, space-separated',
    read: (e) => {
      // cmdline is name + ' ' + args joined by spaces (RuntimeEvent contract): slicing avoids a join per read.
      const { name, args, cmdline } = e.proc;
      if (args.length === 0) return '';
      return cmdline.length > name.length &&
        cmdline.charCodeAt(name.length) === 32 &&
        cmdline.startsWith(name)
        ? cmdline.slice(name.length + 1)
        : args.join(' ');
    },
  },
  {
    name: 'proc.cmdline',
    type: 'string',
    description: 'name and arguments',
    path: ['proc', 'cmdline'],
    read: (e) => e.proc.cmdline,
  },
  {
    name: 'proc.cwd',
    type: 'string',
    description: 'working directory',
    path: ['proc', 'cwd'],
    read: (e) => e.proc.cwd,
  },
  {
    name: 'proc.tty',
    type: 'number',
    description: 'controlling terminal, 0 when none',
    path: ['proc', 'tty'],
    read: (e) => e.proc.tty,
  },
  {
    name: 'proc.duration',
    type: 'number',
    description: 'nanoseconds since the process image was executed',
    read: (e) => (e.proc.startTime === null ? null : Math.round((e.time - e.proc.startTime) * 1e6)),
  },
  { name: 'proc.pname', type: 'string', description: 'parent name', read: (e) => parent(e)?.name ?? null },
  { name: 'proc.pexe', type: 'string', description: 'parent argv[0]', read: (e) => parent(e)?.exe ?? null },
  {
    name: 'proc.pexepath',
    type: 'string',
    description: 'parent executable path',
    read: (e) => parent(e)?.exepath ?? null,
  },
  {
    name: 'proc.pcmdline',
    type: 'string',
    description: 'parent command line',
    read: (e) => parent(e)?.cmdline ?? null,
  },
  ancestorField(
    'proc.aname',
    'string',
    'ancestor name',
    (e) => e.proc.name,
    (a) => a.name,
  ),
  ancestorField(
    'proc.apid',
    'number',
    'ancestor pid',
    (e) => e.proc.pid,
    (a) => a.pid,
  ),
  ancestorField(
    'proc.aexe',
    'string',
    'ancestor argv[0]',
    (e) => e.proc.exe,
    (a) => a.exe,
  ),
  ancestorField(
    'proc.aexepath',
    'string',
    'ancestor executable path',
    (e) => e.proc.exepath,
    (a) => a.exepath,
  ),
  ancestorField(
    'proc.acmdline',
    'string',
    'ancestor command line',
    (e) => e.proc.cmdline,
    (a) => a.cmdline,
  ),
  {
    name: 'proc.is_exe_upper_layer',
    type: 'boolean',
    description: "the executable is in the container's writable layer, not in its image",
    path: ['proc', 'isExeUpperLayer'],
    read: (e) => e.proc.isExeUpperLayer,
  },
  {
    name: 'proc.is_exe_writable',
    type: 'boolean',
    description: 'the executable is writable by the process',
    path: ['proc', 'isExeWritable'],
    read: (e) => e.proc.isExeWritable,
  },
  {
    name: 'proc.is_exe_from_memfd',
    type: 'boolean',
    description: 'the executable is a memfd (fileless execution)',
    path: ['proc', 'isExeFromMemfd'],
    read: (e) => e.proc.isExeFromMemfd,
  },
  {
    name: 'thread.cap_effective',
    type: 'string',
    description: 'effective capabilities, space-separated names',
    path: ['proc', 'capEffective'],
    read: (e) => e.proc.capEffective,
  },
];
