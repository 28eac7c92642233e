import { describe, expect, it } from 'vitest';
import { MAX_RULE_FILE_BYTES, read } from './read.js';

describe('read', () => {
  it('reads lists, macros and rules with their positions', () => {
    const text = [
      '- list: shells',
      '  items: [sh, "bash", 80]',
      '- macro: spawned',
      '  condition: evt.type = execve',
      '- rule: Shell',
      '  desc: a shell',
      '  condition: >',
      '    spawned and',
      '    proc.name in (shells)',
      '  output: shell %proc.name',
      '  priority: WARNING',
      '  tags: [a, b]',
      '  enabled: false',
      '',
    ].join('\n');
    const { value, diagnostics } = read(text, 'r.yaml');
    expect(diagnostics).toEqual([]);
    expect(value.map((d) => [d.kind, d.name, d.source.line, d.source.column])).toEqual([
      ['list', 'shells', 1, 3],
      ['macro', 'spawned', 3, 3],
      ['rule', 'Shell', 5, 3],
    ]);
    const [list, , rule] = value;
    expect(list?.kind === 'list' && list.items?.map((i) => i.value)).toEqual(['sh', 'bash', '80']);
    if (rule?.kind !== 'rule' || !rule.condition) throw new Error('rule expected');
    expect(rule.condition.text).toBe('spawned and proc.name in (shells)\n');
    // Offsets inside a folded block scalar map back to the file: `proc.name` starts at line 9, column 5.
    expect(rule.condition.locate(rule.condition.text.indexOf('proc.name'))).toEqual({
      file: 'r.yaml',
      line: 9,
      column: 5,
    });
    expect(rule.priority?.value).toBe('WARNING');
    expect(rule.tags).toEqual(['a', 'b']);
    expect(rule.enabled).toBe(false);
  });

  it('maps offsets inside quoted conditions with escapes', () => {
    const text = '- macro: m\n  condition: "proc.name = \\"a b\\" and fd.name = x"\n';
    const { value } = read(text, 'q.yaml');
    const macro = value[0];
    if (macro?.kind !== 'macro' || !macro.condition) throw new Error('macro expected');
    const at = macro.condition.locate(macro.condition.text.indexOf('fd.name'));
    expect(at).toEqual({
      file: 'q.yaml',
      line: 2,
      column: '  condition: "proc.name = \\"a b\\" and '.length + 1,
    });
  });

  it('ignores required_engine_version and required_plugin_versions with a warning', () => {
    const { value, diagnostics } = read(
      '- required_engine_version: 0.57.0\n- required_plugin_versions:\n    - name: container\n      version: 0.4.0\n',
      'v.yaml',
    );
    expect(value).toEqual([]);
    expect(diagnostics.map((d) => [d.code, d.severity, d.source?.line])).toEqual([
      ['rules-engine-version-ignored', 'warning', 1],
      ['rules-plugin-versions-ignored', 'warning', 2],
    ]);
  });

  it.each`
    name                        | text                                                                 | code                        | line | column
    ${'unclosed flow sequence'} | ${'- list: a\n  items: [a, b\n- rule: x\n'}                          | ${'rules-yaml-syntax'}      | ${3} | ${1}
    ${'bad indentation'}        | ${'- macro: m\n  condition: a\n condition: b\n'}                     | ${'rules-yaml-syntax'}      | ${3} | ${1}
    ${'duplicate key'}          | ${'- macro: m\n  condition: a\n  condition: b\n'}                    | ${'rules-yaml-syntax'}      | ${3} | ${3}
    ${'top level mapping'}      | ${'rule: x\n'}                                                       | ${'rules-bad-item'}         | ${1} | ${1}
    ${'scalar item'}            | ${'- just text\n'}                                                   | ${'rules-bad-item'}         | ${1} | ${3}
    ${'nameless rule'}          | ${'- rule:\n  condition: a\n'}                                       | ${'rules-bad-item'}         | ${1} | ${3}
    ${'items not a sequence'}   | ${'- list: a\n  items: b\n'}                                         | ${'rules-bad-value'}        | ${2} | ${10}
    ${'condition not a string'} | ${'- macro: m\n  condition: [a]\n'}                                  | ${'rules-bad-value'}        | ${1} | ${3}
    ${'enabled not a boolean'}  | ${'- rule: r\n  enabled: maybe\n'}                                   | ${'rules-bad-value'}        | ${2} | ${12}
    ${'bad override mode'}      | ${'- macro: m\n  condition: a\n  override:\n    condition: merge\n'} | ${'rules-override-invalid'} | ${4} | ${16}
    ${'alias'}                  | ${'- list: a\n  items: &x [a]\n- list: b\n  items: *x\n'}            | ${'rules-bad-value'}        | ${4} | ${10}
  `('reports $name at its position', ({ text, code, line, column }) => {
    const { value, diagnostics } = read(text, 'bad.yaml');
    expect(diagnostics[0]).toMatchObject({
      code,
      severity: 'error',
      source: { file: 'bad.yaml', line, column },
    });
    expect(value.every((d) => d.name !== 'r' && d.name !== 'm')).toBe(true);
  });

  it('keeps the good items of a file with a bad one', () => {
    const { value, diagnostics } = read('- list: a\n  items: b\n- list: ok\n  items: [x]\n', 'f.yaml');
    expect(value.map((d) => d.name)).toEqual(['ok']);
    expect(diagnostics).toHaveLength(1);
  });

  it('warns about unknown keys and unknown items', () => {
    const { value, diagnostics } = read('- macro: m\n  condition: a\n  colour: red\n- widget: w\n', 'w.yaml');
    expect(value.map((d) => d.name)).toEqual(['m']);
    expect(diagnostics.map((d) => [d.code, d.severity])).toEqual([
      ['rules-unknown-key', 'warning'],
      ['rules-unknown-item', 'warning'],
    ]);
  });

  it('accepts an empty file', () => {
    expect(read('', 'e.yaml')).toEqual({ value: [], diagnostics: [] });
    expect(read('# only a comment\n', 'e.yaml')).toEqual({ value: [], diagnostics: [] });
  });

  it('refuses an oversized file without parsing it', () => {
    const { value, diagnostics } = read(`# ${'x'.repeat(MAX_RULE_FILE_BYTES)}`, 'big.yaml');
    expect(value).toEqual([]);
    expect(diagnostics[0]?.code).toBe('rules-file-too-large');
  });
});
