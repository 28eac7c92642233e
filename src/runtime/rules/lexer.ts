// Scanner for the condition language. The parser asks for the token it expects next, because what a token is
// depends on where it stands: `/etc/*` is a value after an operator, `proc.name` a field before one.

import { COMPARISON_OPERATORS, LIST_OPERATORS, type Operator } from './ast.js';

export class ConditionSyntaxError extends Error {
  readonly offset: number;
  /** `rules-bad-operator` for an unknown operator, `rules-condition-syntax` otherwise. */
  readonly code: string;

  constructor(message: string, offset: number, code = 'rules-condition-syntax') {
    super(message);
    this.name = 'ConditionSyntaxError';
    this.offset = offset;
    this.code = code;
  }
}

const WORD_OPERATORS = new Set<string>([
  ...COMPARISON_OPERATORS.filter((op) => /^[a-z]+$/.test(op)),
  ...LIST_OPERATORS,
  'exists',
]);
const SYMBOL_OPERATORS = ['<=', '>=', '==', '!=', '=', '<', '>'] as const;

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v';
}

function isIdentStart(c: string | undefined): boolean {
  return c !== undefined && /[A-Za-z_]/.test(c);
}

function isIdentPart(c: string | undefined): boolean {
  return c !== undefined && /[A-Za-z0-9_]/.test(c);
}

export class Scanner {
  readonly text: string;
  pos = 0;

  constructor(text: string) {
    this.text = text;
  }

  skipSpace(): void {
    while (isSpace(this.text[this.pos])) this.pos++;
  }

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  peek(): string | undefined {
    return this.text[this.pos];
  }

  /** Consumes `c` if it is next. */
  accept(c: string): boolean {
    if (this.text[this.pos] !== c) return false;
    this.pos++;
    return true;
  }

  expect(c: string, what: string): void {
    if (!this.accept(c))
      throw new ConditionSyntaxError(`expected ${what}, found ${this.describeNext()}`, this.pos);
  }

  /** A keyword (`and`, `or`, `not`) counts only when followed by whitespace, `(` or the end: `notable` is a name. */
  acceptKeyword(word: string): boolean {
    if (!this.text.startsWith(word, this.pos)) return false;
    const next = this.text[this.pos + word.length];
    if (!(next === undefined || isSpace(next) || next === '(')) return false;
    this.pos += word.length;
    return true;
  }

  isIdentifierNext(): boolean {
    return isIdentStart(this.peek());
  }

  readIdentifier(): string {
    const start = this.pos;
    if (!isIdentStart(this.peek())) {
      throw new ConditionSyntaxError(
        `expected a field or macro name, found ${this.describeNext()}`,
        this.pos,
      );
    }
    while (isIdentPart(this.peek())) this.pos++;
    return this.text.slice(start, this.pos);
  }

  /** `Identifier { "." Identifier }`. */
  readDottedName(): string {
    let name = this.readIdentifier();
    while (this.peek() === '.' && isIdentStart(this.text[this.pos + 1])) {
      this.pos++;
      name += `.${this.readIdentifier()}`;
    }
    return name;
  }

  /** The argument between brackets: `proc.aname[2]`, `container.mount.dest[/var/run/docker.sock]`. */
  readFieldArg(): string {
    const c = this.peek();
    if (c === '"' || c === "'") return this.readQuoted();
    const start = this.pos;
    while (!this.atEnd() && !isSpace(this.peek()) && !'[]"\''.includes(this.peek() as string)) this.pos++;
    if (this.pos === start) throw new ConditionSyntaxError('expected a field argument', this.pos);
    return this.text.slice(start, this.pos);
  }

  readOperator(field: string): Operator {
    for (const op of SYMBOL_OPERATORS) {
      if (this.text.startsWith(op, this.pos)) {
        this.pos += op.length;
        return op === '==' ? '=' : op;
      }
    }
    const start = this.pos;
    while (/[A-Za-z_]/.test(this.peek() ?? '')) this.pos++;
    const word = this.text.slice(start, this.pos);
    if (word === '') {
      throw new ConditionSyntaxError(
        `expected an operator after '${field}', found ${this.describeNext()}`,
        start,
      );
    }
    if (!WORD_OPERATORS.has(word)) {
      throw new ConditionSyntaxError(
        `unknown operator '${word}' after '${field}'`,
        start,
        'rules-bad-operator',
      );
    }
    const next = this.peek();
    if (
      next !== undefined &&
      !isSpace(next) &&
      next !== '(' &&
      next !== ')' &&
      next !== '"' &&
      next !== "'"
    ) {
      throw new ConditionSyntaxError(
        `unknown operator '${word}${next}' after '${field}'`,
        start,
        'rules-bad-operator',
      );
    }
    return word as Operator;
  }

  /** A value after an operator: quoted, or bare up to whitespace, parenthesis, comma, `=` or a quote. */
  readValue(): { text: string; quoted: boolean } {
    const c = this.peek();
    if (c === '"' || c === "'") return { text: this.readQuoted(), quoted: true };
    const start = this.pos;
    while (!this.atEnd() && !isSpace(this.peek()) && !'(),="\''.includes(this.peek() as string)) this.pos++;
    if (this.pos === start)
      throw new ConditionSyntaxError(`expected a value, found ${this.describeNext()}`, this.pos);
    return { text: this.text.slice(start, this.pos), quoted: false };
  }

  /** Single- or double-quoted string with backslash escapes (\\ \" \' \n \r \t \b \f \xHH). */
  readQuoted(): string {
    const quote = this.peek() as string;
    const start = this.pos;
    this.pos++;
    let out = '';
    for (;;) {
      const c = this.text[this.pos];
      if (c === undefined) throw new ConditionSyntaxError('unterminated string', start);
      this.pos++;
      if (c === quote) return out;
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = this.text[this.pos];
      if (e === undefined) throw new ConditionSyntaxError('unterminated string', start);
      this.pos++;
      if (e === 'x') {
        const hex = this.text.slice(this.pos, this.pos + 2);
        if (!/^[0-9a-fA-F]{2}$/.test(hex)) throw new ConditionSyntaxError('bad \\x escape', this.pos - 2);
        out += String.fromCharCode(Number.parseInt(hex, 16));
        this.pos += 2;
      } else {
        out += ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' } as Record<string, string>)[e] ?? e;
      }
    }
  }

  describeNext(): string {
    if (this.atEnd()) return 'end of condition';
    const m = /^\S{1,20}/.exec(this.text.slice(this.pos));
    return `'${m ? m[0] : this.peek()}'`;
  }
}
