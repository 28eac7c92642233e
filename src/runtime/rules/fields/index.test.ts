import { describe, expect, it } from 'vitest';
import { createRuntimeEvent } from '../../../core/runtime/runtime-event.js';
import { createFieldRegistry, defaultFields, FIELD_CLASSES } from './index.js';

describe('field registry', () => {
  it('has one class per file, keyed by its prefix, and every field under its class prefix', () => {
    expect(Object.keys(FIELD_CLASSES).sort()).toEqual(['container', 'evt', 'fd', 'proc', 'user']);
    for (const [id, cls] of Object.entries(FIELD_CLASSES)) {
      for (const f of cls.fields) {
        const prefix = f.name.split('.')[0];
        expect(prefix === id || (id === 'proc' && prefix === 'thread'), f.name).toBe(true);
      }
    }
  });

  it('provides the fields Falco rules use most', () => {
    for (const name of [
      'evt.type',
      'proc.name',
      'proc.cmdline',
      'proc.pname',
      'fd.name',
      'user.name',
      'container.id',
    ]) {
      expect('field' in defaultFields.resolve(name, null), name).toBe(true);
    }
  });

  it.each`
    name                 | arg        | key                       | isList
    ${'proc.aname'}      | ${null}    | ${'proc.aname'}           | ${true}
    ${'proc.aname'}      | ${'2'}     | ${'proc.aname[2]'}        | ${false}
    ${'evt.arg.flags'}   | ${null}    | ${'evt.arg.flags'}        | ${false}
    ${'evt.arg'}         | ${'flags'} | ${'evt.arg[flags]'}       | ${false}
    ${'fd.ip'}           | ${null}    | ${'fd.ip'}                | ${true}
    ${'container.label'} | ${'a.b'}   | ${'container.label[a.b]'} | ${false}
  `('resolves $name[$arg]', ({ name, arg, key, isList }) => {
    const r = defaultFields.resolve(name, arg);
    if (!('field' in r)) throw new Error(r.error);
    expect(r.field.key).toBe(key);
    expect(r.field.isList).toBe(isList);
  });

  it('reads values from an event, with null for what it does not carry', () => {
    const e = createRuntimeEvent({
      type: 'accept',
      proc: {
        name: 'nginx',
        ancestors: [{ pid: 1, name: 'containerd-shim', exe: 'x', exepath: '/x', cmdline: 'x' }],
      },
      fd: { type: 'ipv4', cip: '10.0.0.9', cport: 5000, sip: '172.17.0.2', sport: 80 },
    });
    const read = (name: string, arg: string | null = null) => {
      const r = defaultFields.resolve(name, arg);
      if (!('field' in r)) throw new Error(r.error);
      return r.field.definition.read(e, r.field.arg);
    };
    expect(read('evt.type')).toBe('accept');
    expect(read('fd.lport')).toBe(80);
    expect(read('fd.rip')).toBe('10.0.0.9');
    expect(read('fd.typechar')).toBe('4');
    expect(read('proc.aname')).toEqual(['containerd-shim']);
    expect(read('proc.aname', '1')).toBe('containerd-shim');
    expect(read('proc.aname', '2')).toBeNull();
    expect(read('container.id')).toBe('host');
    expect(read('container.image.repository')).toBeNull();
    expect(read('evt.arg.request')).toBeNull();
    expect(read('evt.res')).toBe('SUCCESS');
  });

  it('explains why a field cannot be used', () => {
    expect(defaultFields.resolve('fd.sip.name', null)).toEqual({
      error: "field 'fd.sip.name' is not provided by Coastguard's sensors",
    });
    expect(defaultFields.resolve('k8s.pod.name', null)).toEqual({
      error: "field 'k8s.pod.name' is not provided: Coastguard has no 'k8s.*' fields",
    });
  });

  it('refuses registry mistakes at creation', () => {
    const field = { name: 'x.y', type: 'string' as const, description: 'd', read: () => null };
    expect(() => createFieldRegistry([{ id: 'x', fields: [field, field] }])).toThrow('declared twice');
    expect(() => createFieldRegistry([{ id: 'x', fields: [{ ...field, path: ['a-b'] }] }])).toThrow(
      'identifiers',
    );
  });
});
