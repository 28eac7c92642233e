import { describe, expect, it } from 'vitest';
import { compileRuleFiles } from './load.js';

function load(text: string, file = 'rules.yaml') {
  const loaded = compileRuleFiles([{ file, text }]);
  const rule = (name: string) => loaded.rules.find((r) => r.name === name);
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  const warnings = loaded.diagnostics.filter((d) => d.severity === 'warning');
  return { ...loaded, rule, errors, warnings };
}

function ruleWith(condition: string, extra = ''): string {
  return `- rule: R\n  desc: d\n  condition: ${condition}\n  output: o\n  priority: INFO\n${extra}`;
}

describe('macro and list expansion', () => {
  it('inlines macros (nested) and lists (nested, quoted items unquoted)', () => {
    const { rule, errors } = load(`
- list: base_shells
  items: [sh, bash]
- list: shells
  items: [base_shells, zsh, '"(systemd)"', "'a b'"]
- macro: spawned
  condition: evt.type in (execve, execveat)
- macro: shell_spawned
  condition: spawned and proc.name in (shells)
- macro: never_true
  condition: (evt.num=0)
${ruleWith('shell_spawned and not never_true and proc.pname in (shells, cron)')}
`);
    expect(errors).toEqual([]);
    expect(rule('R')?.condition).toBe(
      '((evt.type in (execve, execveat) and proc.name in (sh, bash, zsh, "(systemd)", "a b")) and not evt.num = 0 and proc.pname in (sh, bash, zsh, "(systemd)", "a b", cron))',
    );
  });

  it('Falco example: open with a shell list', () => {
    const { rule } = load(`
- list: shell_binaries
  items: [ash, bash, csh, ksh, sh, tcsh, zsh, dash, pwsh]
- macro: open_shells
  condition: evt.type = open and proc.name in (shell_binaries)
${ruleWith('open_shells')}`);
    expect(rule('R')?.condition).toBe(
      '(evt.type = open and proc.name in (ash, bash, csh, ksh, sh, tcsh, zsh, dash, pwsh))',
    );
  });

  it('a list sees only earlier lists; a later one stays a plain value', () => {
    const { rule } = load(`
- list: a
  items: [b, x]
- list: b
  items: [y]
${ruleWith('evt.type = open and proc.name in (a)')}`);
    expect(rule('R')?.condition).toBe('(evt.type = open and proc.name in (b, x))');
  });

  it('a macro sees only earlier macros', () => {
    const { errors, rule } = load(`
- macro: first
  condition: second
- macro: second
  condition: evt.type = open
${ruleWith('first')}`);
    expect(rule('R')).toBeUndefined();
    expect(errors.map((e) => [e.code, e.source?.line, e.source?.column])).toEqual([
      ['rules-unknown-macro', 3, 14],
      ['rules-broken-macro', 8, 14],
    ]);
  });

  it('reports an unknown macro at its position, naming the rule', () => {
    const { errors, rule } = load(ruleWith('evt.type = open and\n    not no_such_macro', ''));
    expect(rule('R')).toBeUndefined();
    expect(errors).toEqual([
      {
        code: 'rules-unknown-macro',
        severity: 'error',
        message: "rule 'R': undefined macro 'no_such_macro'",
        source: { file: 'rules.yaml', line: 4, column: 9 },
      },
    ]);
  });

  it('says when a list is used where a macro is expected', () => {
    const { errors } = load(`- list: l\n  items: [a]\n${ruleWith('evt.type = open and l')}`);
    expect(errors[0]?.message).toContain("'l' is a list, not a macro");
  });

  it('a bare list reference must name a list', () => {
    const { errors } = load(ruleWith('evt.type = open and proc.name in nolist'));
    expect(errors[0]).toMatchObject({ code: 'rules-unknown-list', source: { line: 3, column: 47 } });
  });
});

describe('fields, operators and values', () => {
  it('refuses a rule using a field we do not provide, pointing at the field inside its macro', () => {
    const { errors, rule } = load(`
- macro: k8s
  condition: k8s.ns.name = default
${ruleWith('evt.type = open and proc.env contains X and k8s')}`);
    expect(rule('R')).toBeUndefined();
    expect(errors.map((e) => [e.code, e.source?.line, e.source?.column, e.message])).toEqual([
      ['rules-unknown-field', 6, 34, "rule 'R': field 'proc.env' is not provided by Coastguard's sensors"],
      [
        'rules-unknown-field',
        3,
        14,
        "rule 'R': field 'k8s.ns.name' is not provided: Coastguard has no 'k8s.*' fields",
      ],
    ]);
  });

  it('refuses an argument a field does not take, or a missing one', () => {
    expect(load(ruleWith('evt.type = open and proc.name[1] = a')).errors[0]?.message).toContain(
      'takes no argument',
    );
    expect(load(ruleWith('evt.type = open and container.label = a')).errors[0]?.message).toContain(
      'needs an argument',
    );
    expect(load(ruleWith('evt.type = open and proc.aname[x] = a')).errors[0]?.message).toContain(
      'needs a number',
    );
    expect(load(ruleWith('evt.type = open and evt.arg.domain = a')).errors[0]?.message).toContain(
      "field 'evt.arg.domain' is not provided",
    );
  });

  it.each`
    condition                     | code                    | column | message
    ${'proc.pid contains 3'}      | ${'rules-bad-operator'} | ${34}  | ${"operator 'contains' does not apply to number field 'proc.pid'"}
    ${'fd.num glob 3*'}           | ${'rules-bad-operator'} | ${34}  | ${"operator 'glob' does not apply to number field 'fd.num'"}
    ${'container.privileged > 1'} | ${'rules-bad-operator'} | ${34}  | ${"'>' does not apply to boolean field"}
    ${'proc.name like bash'}      | ${'rules-bad-operator'} | ${44}  | ${"unknown operator 'like'"}
    ${'fd.num >= zero'}           | ${'rules-bad-value'}    | ${44}  | ${"'zero' is not a number"}
    ${'fd.sport in (80, http)'}   | ${'rules-bad-value'}    | ${51}  | ${"'http' is not a number"}
    ${'evt.is_open_read = yes'}   | ${'rules-bad-value'}    | ${53}  | ${"'yes' is not true or false"}
    ${'fd.sip = 10.0.0.0/8'}      | ${'rules-bad-value'}    | ${43}  | ${'is a network'}
    ${'fd.snet in (10.0.0.0/40)'} | ${'rules-bad-value'}    | ${46}  | ${'not an IP address or network'}
    ${'fd.name bcontains zz'}     | ${'rules-bad-value'}    | ${52}  | ${'not hex bytes'}
    ${'tolower(fd.num) = 1'}      | ${'rules-bad-operator'} | ${34}  | ${'transformers apply to single-valued string fields'}
  `('$condition → $code', ({ condition, code, column, message }) => {
    const { errors, rule } = load(ruleWith(`evt.type = open and ${condition}`));
    expect(rule('R')).toBeUndefined();
    expect(errors[0]).toMatchObject({ code, source: { file: 'rules.yaml', line: 3, column } });
    expect(errors[0]?.message).toContain(message);
  });

  it('skip-if-unknown-filter turns an unknown field into a warning', () => {
    const { errors, warnings, rule } = load(
      ruleWith('evt.type = open and proc.env contains X', '  skip-if-unknown-filter: true\n'),
    );
    expect(rule('R')).toBeUndefined();
    expect(errors).toEqual([]);
    expect(warnings.map((w) => w.code)).toContain('rules-unknown-field');
  });

  it('other rules still compile next to a refused one', () => {
    const text = `${ruleWith('evt.type = open and proc.env contains X')}- rule: Good\n  desc: d\n  condition: evt.type = open\n  output: o\n  priority: INFO\n`;
    const { rules, errors } = load(text);
    expect(rules.map((r) => r.name)).toEqual(['Good']);
    expect(errors).toHaveLength(1);
  });

  it('refuses event sources other than syscall', () => {
    const { errors } = load(ruleWith('ka.verb = create', '  source: k8s_audit\n'));
    expect(errors[0]?.code).toBe('rules-unsupported-source');
  });
});

describe('event types', () => {
  it.each`
    condition                                                      | types
    ${'evt.type = execve'}                                         | ${['exec']}
    ${'evt.type in (open, openat, connect)'}                       | ${['connect', 'open']}
    ${'evt.type = execve or evt.type = ptrace'}                    | ${['exec', 'ptrace']}
    ${'evt.type in (execve, open) and evt.type = open'}            | ${['open']}
    ${'evt.type in (dup, dup2) and proc.name = nc'}                | ${['dup']}
    ${'not evt.type in (execve) and evt.type in (execve, setuid)'} | ${['setuid']}
    ${'not (evt.type != connect)'}                                 | ${['connect']}
    ${'evt.type in (connect, sendto)'}                             | ${['connect']}
  `('$condition → $types', ({ condition, types }) => {
    const { rule } = load(ruleWith(condition));
    expect([...(rule('R')?.eventTypes ?? [])].sort()).toEqual(types);
  });

  it('warns when a rule does not restrict evt.type, and indexes it under every type', () => {
    const { rule, warnings } = load(ruleWith('proc.name = nc'));
    expect(rule('R')?.eventTypes).toHaveLength(13);
    expect(warnings.map((w) => w.code)).toContain('rules-no-event-type');
  });

  it('refuses a rule whose event types we never observe, naming them', () => {
    const { errors } = load(ruleWith('evt.type in (link, linkat) and evt.arg.oldpath = /etc/shadow'));
    expect(errors).toMatchObject([
      {
        code: 'rules-unobserved-event-type',
        message: "rule 'R': matches only event types Coastguard does not observe (link, linkat)",
      },
    ]);
  });

  it('drops branches that only concern unobserved event types, with their fields', () => {
    const { rule, errors, warnings } = load(
      ruleWith(
        '(evt.type = connect or (evt.type in (sendto, sendmsg) and fd.connected = false)) and fd.sport = 22',
      ),
    );
    expect(errors).toEqual([]);
    expect(rule('R')?.eventTypes).toEqual(['connect']);
    expect(warnings.map((w) => w.message)).toContain(
      "rule 'R': also names sendmsg, sendto, which Coastguard does not observe",
    );
    // The expanded condition keeps what the author wrote.
    expect(rule('R')?.condition).toContain('fd.connected = false');
  });
});

describe('outputs', () => {
  it('warns about output fields we do not provide', () => {
    const { rule, warnings } = load(
      `- rule: R\n  desc: d\n  condition: evt.type = open\n  output: "%proc.name %proc.sname %group.gid"\n  priority: INFO\n`,
    );
    expect(rule('R')?.output.unknown).toEqual(['proc.sname', 'group.gid']);
    expect(warnings).toMatchObject([{ code: 'rules-output-unknown-field', source: { line: 4, column: 11 } }]);
  });
});

describe('generated predicates', () => {
  it('carry rule values only in their constants, never in the source', () => {
    const hostile = '"); globalThis.__cgPwned = true; ("';
    const { rule } = load(
      ruleWith(
        `evt.type = open and proc.name = '${hostile.replace(/'/g, "\\'")}' and fd.name glob '*${hostile}'`,
      ),
    );
    const source = rule('R')?.predicateSource ?? '';
    expect(source).not.toContain('__cgPwned');
    expect(source).toMatch(/^"use strict";/);
    expect((globalThis as Record<string, unknown>).__cgPwned).toBeUndefined();
  });
});

describe('bounds', () => {
  it('refuses macros that expand exponentially instead of writing them out', () => {
    const macros = ['- macro: m0\n  condition: proc.name = a'];
    for (let i = 1; i <= 40; i++) macros.push(`- macro: m${i}\n  condition: m${i - 1} and m${i - 1}`);
    const start = performance.now();
    const { errors, rule } = load(`${macros.join('\n')}\n${ruleWith('evt.type = open and m40')}`);
    expect(performance.now() - start).toBeLessThan(5000);
    expect(rule('R')).toBeUndefined();
    expect(errors.map((e) => e.code)).toContain('rules-too-large');
  });

  it('caps lists that expand exponentially', () => {
    const lists = ['- list: l0\n  items: [a, b, c, d, e, f, g, h, i, j]'];
    for (let i = 1; i <= 8; i++)
      lists.push(
        `- list: l${i}\n  items: [${Array(10)
          .fill(`l${i - 1}`)
          .join(', ')}]`,
      );
    const { errors } = load(`${lists.join('\n')}\n${ruleWith('evt.type = open and proc.name in (l8)')}`);
    expect(errors.map((e) => e.code)).toContain('rules-too-large');
  });
});
