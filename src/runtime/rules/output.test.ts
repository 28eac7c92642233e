import { describe, expect, it } from 'vitest';
import { createRuntimeEvent } from '../../core/runtime/runtime-event.js';
import { defaultFields } from './fields/index.js';
import { compileOutput, renderOutput } from './output.js';

const event = createRuntimeEvent({
  type: 'open',
  syscall: 'openat',
  res: 3,
  args: { flags: 'O_WRONLY|O_TRUNC' },
  proc: {
    name: 'sh',
    args: ['-c', 'echo > /etc/passwd'],
    ancestors: [{ pid: 1, name: 'node', exe: 'node', exepath: '/usr/bin/node', cmdline: 'node app.js' }],
  },
  fd: { num: 3, type: 'file', name: '/etc/passwd' },
  user: { uid: 0, name: 'root' },
  container: { id: 'abc', name: 'web', image: 'nginx:1.25', labels: { team: 'shop' } },
});

function render(template: string): string {
  return renderOutput(compileOutput(template, defaultFields), event);
}

describe('output templates', () => {
  it.each`
    template                                                           | rendered
    ${'file=%fd.name by %proc.name (%proc.cmdline)'}                   | ${'file=/etc/passwd by sh (sh -c echo > /etc/passwd)'}
    ${'parent=%proc.pname gparent=%proc.aname[2]'}                     | ${'parent=node gparent=<NA>'}
    ${'flags=%evt.arg.flags uid=%user.uid'}                            | ${'flags=O_WRONLY|O_TRUNC uid=0'}
    ${'image=%container.image.repository team=%container.label[team]'} | ${'image=nginx team=shop'}
    ${'unknown=%proc.sname %group.gid'}                                | ${'unknown=<NA> <NA>'}
    ${'not set: %proc.cwd %fd.sip'}                                    | ${'not set: <NA> <NA>'}
    ${'end of sentence: %proc.name.'}                                  | ${'end of sentence: sh.'}
    ${'100%% sure, %evt.type'}                                         | ${'100% sure, openat'}
    ${'no fields at all'}                                              | ${'no fields at all'}
    ${'%proc.name%fd.name'}                                            | ${'sh/etc/passwd'}
  `('$template', ({ template, rendered }) => {
    expect(render(template)).toBe(rendered);
  });

  it('lists the known and unknown fields it shows', () => {
    const t = compileOutput('%proc.name %proc.name %proc.exe_ino.ctime %fd.name', defaultFields);
    expect(t.fields.map((f) => f.key)).toEqual(['proc.name', 'fd.name']);
    expect(t.unknown).toEqual(['proc.exe_ino.ctime']);
  });
});
