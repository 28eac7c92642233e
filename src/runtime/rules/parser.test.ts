import { describe, expect, it } from 'vitest';
import { formatExpr } from './ast.js';
import { createSourceText } from './definitions.js';
import { parseCondition } from './parser.js';

/** Positions count from line 1, column 1 of the condition itself. */
function source(text: string) {
  return createSourceText(text, (offset) => {
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    return { file: 'cond', line, column: offset - before.lastIndexOf('\n') };
  });
}

function parse(text: string) {
  return parseCondition(source(text));
}

/** Falco libs' test_accept: the input also parses with its spaces (outside quotes) as newlines, and as tabs. */
function variants(text: string): string[] {
  const outsideQuotes = (ws: string): string => {
    let quote: string | undefined;
    let out = '';
    for (let i = 0; i < text.length; i++) {
      const c = text[i] as string;
      if (quote) {
        if (c === '\\') out += c + (text[++i] ?? '');
        else {
          if (c === quote) quote = undefined;
          out += c;
        }
      } else if (c === '"' || c === "'") {
        quote = c;
        out += c;
      } else out += c === ' ' ? ws : c;
    }
    return out;
  };
  return [text, outsideQuotes('\n'), outsideQuotes('\t')];
}

function accept(text: string): string {
  const results = variants(text).map((v) => {
    const r = parse(v);
    if ('error' in r) throw new Error(`rejected ${JSON.stringify(v)}: ${r.error.message}`);
    return formatExpr(r.expr);
  });
  // Whitespace never changes the meaning.
  expect(new Set(results).size).toBe(1);
  return results[0] as string;
}

function reject(text: string): { code: string; message: string; column: number } {
  const r = parse(text);
  if (!('error' in r)) throw new Error(`accepted ${JSON.stringify(text)} as ${formatExpr(r.expr)}`);
  return { code: r.error.code, message: r.error.message, column: r.error.at.column };
}

describe('parseCondition accepts', () => {
  it.each`
    input                                                       | canonical
    ${'proc.name = bash'}                                       | ${'proc.name = bash'}
    ${'proc.name == bash'}                                      | ${'proc.name = bash'}
    ${'proc.name=bash'}                                         | ${'proc.name = bash'}
    ${'proc.name != "sshd"'}                                    | ${'proc.name != sshd'}
    ${"fd.typechar='f'"}                                        | ${'fd.typechar = f'}
    ${'fd.num>=0'}                                              | ${'fd.num >= 0'}
    ${'fd.num<=-1'}                                             | ${'fd.num <= -1'}
    ${'fd.num > 2'}                                             | ${'fd.num > 2'}
    ${'fd.num < 2'}                                             | ${'fd.num < 2'}
    ${'proc.cmdline contains " -e"'}                            | ${'proc.cmdline contains " -e"'}
    ${'proc.args icontains aws_access_key_id'}                  | ${'proc.args icontains aws_access_key_id'}
    ${'evt.buffer bcontains 504b0304'}                          | ${'evt.buffer bcontains 504b0304'}
    ${'fd.name startswith /etc/'}                               | ${'fd.name startswith /etc/'}
    ${'proc.exe endswith ssh'}                                  | ${'proc.exe endswith ssh'}
    ${"fd.name glob '/home/*/.ssh/*'"}                          | ${'fd.name glob /home/*/.ssh/*'}
    ${'fd.name pmatch (/etc, /usr/bin)'}                        | ${'fd.name pmatch (/etc, /usr/bin)'}
    ${'proc.name in (sh, bash)'}                                | ${'proc.name in (sh, bash)'}
    ${'proc.name in(sh,bash)'}                                  | ${'proc.name in (sh, bash)'}
    ${'proc.name in ()'}                                        | ${'proc.name in ()'}
    ${'proc.name in shell_binaries'}                            | ${'proc.name in (shell_binaries)'}
    ${'proc.args intersects (a, b)'}                            | ${'proc.args intersects (a, b)'}
    ${'proc.pname exists'}                                      | ${'proc.pname exists'}
    ${'proc.aname[2] = sshd'}                                   | ${'proc.aname[2] = sshd'}
    ${'container.label[com.example.team] = shop'}               | ${'container.label[com.example.team] = shop'}
    ${'evt.arg.flags contains O_TRUNC'}                         | ${'evt.arg.flags contains O_TRUNC'}
    ${'evt.rawarg.uid = 0'}                                     | ${'evt.rawarg.uid = 0'}
    ${'proc.pname in (runc:[0:PARENT], "runc:[1:CHILD]")'}      | ${'proc.pname in (runc:[0:PARENT], runc:[1:CHILD])'}
    ${'proc.name in ("<NA>","N/A")'}                            | ${'proc.name in (<NA>, N/A)'}
    ${'never_true'}                                             | ${'never_true'}
    ${'not never_true'}                                         | ${'not never_true'}
    ${'not(never_true)'}                                        | ${'not never_true'}
    ${'not not a'}                                              | ${'not not a'}
    ${'a and b or c'}                                           | ${'((a and b) or c)'}
    ${'a or b and c'}                                           | ${'(a or (b and c))'}
    ${'a and (b or c)'}                                         | ${'(a and (b or c))'}
    ${'(a)'}                                                    | ${'a'}
    ${'not a and b'}                                            | ${'(not a and b)'}
    ${'a and not b'}                                            | ${'(a and not b)'}
    ${'a and(b)'}                                               | ${'(a and b)'}
    ${'notable and order_x'}                                    | ${'(notable and order_x)'}
    ${'tolower(proc.name) = bash'}                              | ${'tolower(proc.name) = bash'}
    ${'len(basename(fd.name)) > 3'}                             | ${'len(basename(fd.name)) > 3'}
    ${'proc.cmdline = "sh -c \\"x\\""'}                         | ${'proc.cmdline = "sh -c \\"x\\""'}
    ${"proc.cmdline = 'a\\x41b'"}                               | ${'proc.cmdline = aAb'}
    ${'evt.type in (open, openat) and evt.is_open_read = true'} | ${'(evt.type in (open, openat) and evt.is_open_read = true)'}
  `('$input', ({ input, canonical }: { input: string; canonical: string }) => {
    expect(accept(input)).toBe(canonical);
  });
});

describe('parseCondition rejects', () => {
  it.each`
    input                      | code                        | column | message
    ${''}                      | ${'rules-condition-syntax'} | ${1}   | ${'empty condition'}
    ${'   '}                   | ${'rules-condition-syntax'} | ${1}   | ${'empty condition'}
    ${'proc.name'}             | ${'rules-condition-syntax'} | ${10}  | ${"expected an operator after 'proc.name'"}
    ${'proc.name like bash'}   | ${'rules-bad-operator'}     | ${11}  | ${"unknown operator 'like'"}
    ${'proc.name regex ba.*'}  | ${'rules-bad-operator'}     | ${11}  | ${"unknown operator 'regex'"}
    ${'proc.name containsx a'} | ${'rules-bad-operator'}     | ${11}  | ${"unknown operator 'containsx'"}
    ${'proc.name ~ bash'}      | ${'rules-condition-syntax'} | ${11}  | ${'expected an operator'}
    ${'proc.name ='}           | ${'rules-condition-syntax'} | ${12}  | ${'expected a value'}
    ${'proc.name = bash zsh'}  | ${'rules-condition-syntax'} | ${18}  | ${"expected 'and', 'or' or end of condition"}
    ${'proc.name in (a, b'}    | ${'rules-condition-syntax'} | ${19}  | ${"expected ',' or ')'"}
    ${'proc.name in a, b'}     | ${'rules-condition-syntax'} | ${15}  | ${"expected 'and', 'or'"}
    ${'proc.name in "a"'}      | ${'rules-condition-syntax'} | ${14}  | ${"expected '(' or a list name"}
    ${'(proc.name = a'}        | ${'rules-condition-syntax'} | ${15}  | ${"expected ')'"}
    ${'proc.name = a)'}        | ${'rules-condition-syntax'} | ${14}  | ${"expected 'and', 'or'"}
    ${'a and'}                 | ${'rules-condition-syntax'} | ${6}   | ${'expected a field, macro'}
    ${'and a'}                 | ${'rules-condition-syntax'} | ${1}   | ${"expected a field, macro or '(', found 'and'"}
    ${'not'}                   | ${'rules-condition-syntax'} | ${4}   | ${'expected a field, macro'}
    ${'proc.name = "open'}     | ${'rules-condition-syntax'} | ${13}  | ${'unterminated string'}
    ${"proc.name = 'a\\x4'"}   | ${'rules-condition-syntax'} | ${15}  | ${'bad \\x escape'}
    ${'proc.aname[2 = a'}      | ${'rules-condition-syntax'} | ${13}  | ${"expected ']'"}
    ${'proc.aname[] = a'}      | ${'rules-condition-syntax'} | ${12}  | ${'expected a field argument'}
    ${'tolower(proc.name = a'} | ${'rules-condition-syntax'} | ${19}  | ${"expected ')' closing tolower("}
    ${'tolower(x) = a'}        | ${'rules-condition-syntax'} | ${9}   | ${"'x' is not a field name"}
    ${'= bash'}                | ${'rules-condition-syntax'} | ${1}   | ${'expected a field, macro'}
    ${'proc.name = (a)'}       | ${'rules-condition-syntax'} | ${13}  | ${'expected a value'}
  `(
    '$input',
    ({ input, code, column, message }: { input: string; code: string; column: number; message: string }) => {
      const error = reject(input);
      expect(error.code).toBe(code);
      expect(error.column).toBe(column);
      expect(error.message).toContain(message);
    },
  );

  it('bounds nesting depth', () => {
    const deep = `${'('.repeat(500)}a${')'.repeat(500)}`;
    expect(reject(deep).message).toContain('nesting deeper than');
    expect(reject(`${'not '.repeat(500)}a`).message).toContain('nesting deeper than');
  });
});

describe('positions', () => {
  it('point at fields, operators and values on later lines', () => {
    const r = parse('evt.type = open\n  and fd.name startswith /etc');
    if ('error' in r) throw new Error(r.error.message);
    expect(r.expr.kind).toBe('and');
    const check = r.expr.kind === 'and' ? r.expr.children[1] : undefined;
    expect(check?.kind).toBe('check');
    if (check?.kind !== 'check') return;
    expect(check.field.at).toEqual({ file: 'cond', line: 2, column: 7 });
    expect(check.value?.at).toEqual({ file: 'cond', line: 2, column: 26 });
  });
});
