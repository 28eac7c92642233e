import { describe, expect, it } from 'vitest';
import { collect } from './collect.js';
import { compileRuleFiles } from './load.js';
import { read } from './read.js';

const BASE = `
- list: shells
  items: [sh, bash]
- macro: spawned
  condition: evt.type = execve
- rule: Shell
  desc: shell started
  condition: spawned and proc.name in (shells)
  output: shell %proc.name
  priority: WARNING
  tags: [a]
`;

function load(...texts: string[]) {
  const loaded = compileRuleFiles(texts.map((text, i) => ({ file: `f${i}.yaml`, text })));
  const rule = (name: string) => loaded.rules.find((r) => r.name === name);
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  return { ...loaded, rule, errors };
}

describe('append (legacy)', () => {
  it('appends list items, macro conditions and rule conditions', () => {
    const { rule, errors } = load(
      BASE,
      `
- list: shells
  items: [zsh]
  append: true
- macro: spawned
  condition: or evt.type = execveat
  append: true
- rule: Shell
  condition: and not proc.pname = sshd
  append: true
`,
    );
    expect(errors).toEqual([]);
    // Appending is text concatenation, as in Falco: `a or b and c` then parses with the usual precedence.
    expect(rule('Shell')?.condition).toBe(
      '((evt.type = execve or evt.type = execveat) and proc.name in (sh, bash, zsh) and not proc.pname = sshd)',
    );
  });

  it('refuses to append to something not defined earlier', () => {
    const { errors } = load('- list: nothing\n  items: [a]\n  append: true\n');
    expect(errors).toMatchObject([
      { code: 'rules-undefined-target', source: { file: 'f0.yaml', line: 1, column: 3 } },
    ]);
  });

  it('warns about keys append: true cannot change', () => {
    const { rule, diagnostics } = load(BASE, '- rule: Shell\n  output: other\n  append: true\n');
    expect(rule('Shell')?.output.template).toBe('shell %proc.name');
    expect(diagnostics.map((d) => d.code)).toContain('rules-append-ignored-key');
  });
});

describe('override', () => {
  it('appends or replaces each named key', () => {
    const { rule, errors } = load(
      BASE,
      `
- list: shells
  items: [ash]
  override:
    items: replace
- rule: Shell
  condition: and user.uid = 0
  output: " uid=%user.uid"
  tags: [b]
  priority: ERROR
  override:
    condition: append
    output: append
    tags: append
    priority: replace
`,
    );
    expect(errors).toEqual([]);
    const r = rule('Shell');
    expect(r?.condition).toBe('(evt.type = execve and proc.name in (ash) and user.uid = 0)');
    expect(r?.output.template).toBe('shell %proc.name uid=%user.uid');
    expect(r?.tags).toEqual(['a', 'b']);
    expect(r?.priority).toBe('error');
  });

  it('replaces a macro condition', () => {
    const { rule } = load(
      BASE,
      '- macro: spawned\n  condition: evt.type = execveat\n  override:\n    condition: replace\n',
    );
    expect(rule('Shell')?.condition).toBe('(evt.type = execveat and proc.name in (sh, bash))');
  });

  it.each`
    name                            | item                                                                                     | message
    ${'key not allowed for append'} | ${'- rule: Shell\n  priority: ERROR\n  override:\n    priority: append\n'}               | ${"'priority' cannot be overridden with append"}
    ${'overridden key missing'}     | ${'- rule: Shell\n  override:\n    condition: append\n'}                                 | ${"override names 'condition' but the item has no 'condition'"}
    ${'key present, not listed'}    | ${'- rule: Shell\n  condition: a\n  output: b\n  override:\n    condition: append\n'}    | ${"'output' is present but not listed in override"}
    ${'with append: true'}          | ${'- rule: Shell\n  condition: a\n  append: true\n  override:\n    condition: append\n'} | ${'use either append or override'}
  `('rejects $name', ({ item, message }) => {
    const { errors, rule } = load(BASE, item);
    expect(errors.map((e) => e.message).join('\n')).toContain(message);
    expect(errors[0]?.source?.file).toBe('f1.yaml');
    expect(rule('Shell')?.condition).toBe('(evt.type = execve and proc.name in (sh, bash))');
  });
});

describe('enabled', () => {
  it('switches a rule off and on again; disabled rules still compile', () => {
    const off = load(BASE, '- rule: Shell\n  enabled: false\n');
    expect(off.rule('Shell')?.enabled).toBe(false);
    const on = load(
      BASE,
      '- rule: Shell\n  enabled: false\n',
      '- rule: Shell\n  enabled: true\n  override:\n    enabled: replace\n',
    );
    expect(on.errors).toEqual([]);
    expect(on.rule('Shell')?.enabled).toBe(true);
  });

  it('a redefinition replaces the rule in place', () => {
    const text = `${BASE}
- rule: Other
  desc: d
  condition: evt.type = open
  output: o
  priority: INFO
- rule: Shell
  desc: again
  condition: evt.type = execve
  output: again
  priority: INFO
`;
    const { rules } = load(text);
    expect(rules.map((r) => [r.name, r.description])).toEqual([
      ['Shell', 'again'],
      ['Other', 'd'],
    ]);
  });

  it('reports missing required keys and a bad priority', () => {
    const { errors } = load(
      '- rule: R\n  condition: evt.type = open\n  output: o\n',
      '- rule: P\n  condition: evt.type = open\n  output: o\n  priority: loud\n',
    );
    expect(errors.map((e) => [e.code, e.source?.file, e.source?.line])).toEqual([
      ['rules-missing-key', 'f0.yaml', 1],
      ['rules-bad-priority', 'f1.yaml', 4],
    ]);
  });
});

describe('exceptions', () => {
  const RULE = `
- list: admin_images
  items: [ops/toolbox]
- rule: Shell
  desc: d
  condition: evt.type = execve and proc.name in (sh, bash)
  output: o
  priority: WARNING
  exceptions:
    - name: known
      fields: [proc.pname, container.image.repository]
      comps: [=, in]
      values:
        - [cron, [admin_images, ci/runner]]
    - name: users
      fields: user.name
      values: [root, "my admin"]
    - name: unused
      fields: [proc.name]
`;

  it('become and-not clauses, with lists expanded inside values', () => {
    const { rule, errors } = load(RULE);
    expect(errors).toEqual([]);
    expect(rule('Shell')?.condition).toBe(
      '((evt.type = execve and proc.name in (sh, bash)) and not (proc.pname = cron and container.image.repository in (ops/toolbox, ci/runner)) and not user.name in (root, "my admin"))',
    );
  });

  it('appended values join the exception of the same name; new names add exceptions', () => {
    const { rule, errors } = load(
      RULE,
      `
- rule: Shell
  exceptions:
    - name: known
      values:
        - [systemd, [x]]
    - name: cwd
      fields: proc.cwd
      comps: pmatch
      values: [/opt/tools]
  override:
    exceptions: append
`,
    );
    expect(errors).toEqual([]);
    expect(rule('Shell')?.condition).toBe(
      '((evt.type = execve and proc.name in (sh, bash)) and not ((proc.pname = cron and container.image.repository in (ops/toolbox, ci/runner)) or (proc.pname = systemd and container.image.repository in (x))) and not user.name in (root, "my admin") and not proc.cwd pmatch (/opt/tools))',
    );
  });

  it('values cannot inject condition syntax', () => {
    const { rule } = load(`
- rule: R
  desc: d
  condition: evt.type = execve
  output: o
  priority: INFO
  exceptions:
    - name: e
      fields: [proc.name]
      values:
        - ["x) or (evt.type = execve"]
`);
    // The whole value is one string compared with proc.name, never parsed as condition text.
    expect(rule('R')?.condition).toBe('(evt.type = execve and not proc.name = "x) or (evt.type = execve")');
  });

  it.each`
    name                     | exception                                                                                       | message
    ${'no fields'}           | ${'- name: e\n      values: [a]'}                                                               | ${"exception 'e' has no fields"}
    ${'row length'}          | ${'- name: e\n      fields: [proc.name, proc.pname]\n      values: [[a]]'}                      | ${'each value must list 2 item(s)'}
    ${'comps length'}        | ${'- name: e\n      fields: [proc.name, proc.pname]\n      comps: [=]\n      values: [[a, b]]'} | ${'needs one comparison per field'}
    ${'unknown comparison'}  | ${'- name: e\n      fields: [proc.name]\n      comps: [like]\n      values: [[a]]'}             | ${"unknown comparison operator 'like'"}
    ${'single field with ='} | ${'- name: e\n      fields: proc.name\n      comps: =\n      values: [a]'}                      | ${'must be in, intersects or pmatch'}
    ${'bad field'}           | ${'- name: e\n      fields: [proc]\n      values: [[a]]'}                                       | ${"'proc' is not a field name"}
  `('rejects $name, naming the rule', ({ exception, message }) => {
    const { errors, rule } = load(
      `- rule: R\n  desc: d\n  condition: evt.type = execve\n  output: o\n  priority: INFO\n  exceptions:\n    ${exception}\n`,
    );
    expect(rule('R')).toBeUndefined();
    expect(errors[0]?.message).toContain("rule 'R'");
    expect(errors[0]?.message).toContain(message);
    expect(errors[0]?.source?.line).toBeGreaterThanOrEqual(7);
  });
});

describe('collect', () => {
  it('keeps the first definition order across files', () => {
    const defs = [...read(BASE, 'a.yaml').value, ...read('- list: more\n  items: [x]\n', 'b.yaml').value];
    const { value } = collect(defs);
    expect([...value.lists.values()].map((l) => [l.name, l.index])).toEqual([
      ['shells', 0],
      ['more', 3],
    ]);
    expect(value.rules.map((r) => r.name)).toEqual(['Shell']);
  });
});
