// Recursive-descent parser for Falco's condition language (falco.org/docs/concepts/rules/conditions).
//
//   Expr         = OrExpr ;
//   OrExpr       = AndExpr , { "or" , AndExpr } ;
//   AndExpr      = NotExpr , { "and" , NotExpr } ;
//   NotExpr      = { "not" } , Primary ;
//   Primary      = "(" , Expr , ")" | Check | MacroName ;
//   Check        = FieldExpr , ( "exists" | CmpOperator , Value | ListOperator , ListValue ) ;
//   FieldExpr    = Transformer , "(" , FieldExpr , ")" | Field ;
//   Field        = FieldName , [ "[" , FieldArg , "]" ] ;
//   FieldName    = Identifier , "." , Identifier , { "." , Identifier } ;
//   MacroName    = Identifier ;
//   ListValue    = "(" , [ Value , { "," , Value } ] , ")" | Identifier ;
//   Value        = QuotedString | BareString ;
//   CmpOperator  = "=" | "==" | "!=" | "<" | "<=" | ">" | ">=" | "contains" | "icontains" | "bcontains"
//                | "startswith" | "endswith" | "glob" ;
//   ListOperator = "in" | "intersects" | "pmatch" ;
//   Transformer  = "tolower" | "toupper" | "b64" | "basename" | "len" ;
//   Identifier   = ( letter | "_" ) , { letter | digit | "_" } ;
//   FieldArg     = QuotedString | ? characters other than whitespace, "[", "]" and quotes ? ;
//   BareString   = ? characters other than whitespace, "(", ")", ",", "=" and quotes ? ;
//   QuotedString = "'" , ? text ? , "'" | '"' , ? text ? , '"' ;   (escapes: \\ \" \' \n \r \t \b \f \xHH)
//
// "and", "or" and "not" are keywords only when followed by whitespace or "(". "not" binds tighter than "and",
// which binds tighter than "or"; both are left-associative. A name without a dot is a macro reference; a list
// name inside a ListValue (or as a bare ListValue) is expanded by the compiler.

import type { SourceLocation } from '../../core/diagnostic.js';
import {
  type Expr,
  type FieldRef,
  LIST_OPERATORS,
  type ListValue,
  type ScalarValue,
  TRANSFORMERS,
  type Transformer,
} from './ast.js';
import type { SourceText } from './definitions.js';
import { ConditionSyntaxError, Scanner } from './lexer.js';

export interface ParseFailure {
  readonly code: string;
  readonly message: string;
  readonly at: SourceLocation;
}

export type ParseResult = { readonly expr: Expr } | { readonly error: ParseFailure };

/** Bounds nesting so a hostile condition cannot exhaust the stack. */
const MAX_DEPTH = 200;

class Parser {
  private readonly s: Scanner;
  private readonly source: SourceText;
  private depth = 0;

  constructor(source: SourceText) {
    this.source = source;
    this.s = new Scanner(source.text);
  }

  parse(): Expr {
    this.s.skipSpace();
    if (this.s.atEnd()) throw new ConditionSyntaxError('empty condition', 0);
    const expr = this.orExpr();
    this.s.skipSpace();
    if (!this.s.atEnd()) {
      throw new ConditionSyntaxError(
        `expected 'and', 'or' or end of condition, found ${this.s.describeNext()}`,
        this.s.pos,
      );
    }
    return expr;
  }

  private at(offset: number): SourceLocation {
    return this.source.locate(offset);
  }

  private orExpr(): Expr {
    this.s.skipSpace();
    const start = this.s.pos;
    const children = [this.andExpr()];
    for (;;) {
      this.s.skipSpace();
      if (!this.s.acceptKeyword('or')) break;
      children.push(this.andExpr());
    }
    return children.length === 1 ? (children[0] as Expr) : { kind: 'or', children, at: this.at(start) };
  }

  private andExpr(): Expr {
    this.s.skipSpace();
    const start = this.s.pos;
    const children = [this.notExpr()];
    for (;;) {
      this.s.skipSpace();
      if (!this.s.acceptKeyword('and')) break;
      children.push(this.notExpr());
    }
    return children.length === 1 ? (children[0] as Expr) : { kind: 'and', children, at: this.at(start) };
  }

  private notExpr(): Expr {
    this.s.skipSpace();
    const start = this.s.pos;
    if (this.s.acceptKeyword('not')) {
      this.enter(start);
      const child = this.notExpr();
      this.depth--;
      return { kind: 'not', child, at: this.at(start) };
    }
    return this.primary();
  }

  private primary(): Expr {
    this.s.skipSpace();
    const start = this.s.pos;
    if (this.s.accept('(')) {
      this.enter(start);
      const expr = this.orExpr();
      this.depth--;
      this.s.skipSpace();
      this.s.expect(')', "')'");
      return expr;
    }
    if (!this.s.isIdentifierNext()) {
      throw new ConditionSyntaxError(`expected a field, macro or '(', found ${this.s.describeNext()}`, start);
    }
    const name = this.s.readDottedName();
    if (name === 'and' || name === 'or' || name === 'not') {
      throw new ConditionSyntaxError(`expected a field, macro or '(', found '${name}'`, start);
    }
    const isTransformerCall = (TRANSFORMERS as readonly string[]).includes(name) && this.s.peek() === '(';
    if (!name.includes('.') && !isTransformerCall) return { kind: 'macro', name, at: this.at(start) };
    this.s.pos = start;
    const field = this.fieldExpr();
    return this.check(field, start);
  }

  private fieldExpr(): FieldRef {
    const start = this.s.pos;
    const name = this.s.readDottedName();
    if ((TRANSFORMERS as readonly string[]).includes(name) && this.s.accept('(')) {
      this.enter(start);
      this.s.skipSpace();
      const inner = this.fieldExpr();
      this.s.skipSpace();
      this.s.expect(')', `')' closing ${name}(`);
      this.depth--;
      return { ...inner, transformers: [name as Transformer, ...inner.transformers], at: this.at(start) };
    }
    if (!name.includes('.')) throw new ConditionSyntaxError(`'${name}' is not a field name`, start);
    let arg: string | null = null;
    if (this.s.accept('[')) {
      arg = this.s.readFieldArg();
      this.s.expect(']', "']'");
    }
    return { name, arg, transformers: [], at: this.at(start) };
  }

  private check(field: FieldRef, start: number): Expr {
    this.s.skipSpace();
    const fieldText = this.source.text.slice(start, this.s.pos).trim();
    const op = this.s.readOperator(fieldText);
    if (op === 'exists') return { kind: 'check', field, op, value: null, at: this.at(start) };
    this.s.skipSpace();
    if ((LIST_OPERATORS as readonly string[]).includes(op)) {
      return { kind: 'check', field, op, value: this.listValue(), at: this.at(start) };
    }
    return { kind: 'check', field, op, value: this.scalar(), at: this.at(start) };
  }

  private listValue(): ListValue {
    const start = this.s.pos;
    if (!this.s.accept('(')) {
      if (!this.s.isIdentifierNext()) {
        throw new ConditionSyntaxError(`expected '(' or a list name, found ${this.s.describeNext()}`, start);
      }
      const name = this.s.readIdentifier();
      const item: ScalarValue = { kind: 'scalar', text: name, quoted: false, at: this.at(start) };
      return { kind: 'list', items: [item], isReference: true, at: this.at(start) };
    }
    const items: ScalarValue[] = [];
    this.s.skipSpace();
    if (!this.s.accept(')')) {
      for (;;) {
        this.s.skipSpace();
        items.push(this.scalar());
        this.s.skipSpace();
        if (this.s.accept(')')) break;
        this.s.expect(',', "',' or ')' in list");
      }
    }
    return { kind: 'list', items, isReference: false, at: this.at(start) };
  }

  private scalar(): ScalarValue {
    const start = this.s.pos;
    const { text, quoted } = this.s.readValue();
    return { kind: 'scalar', text, quoted, at: this.at(start) };
  }

  private enter(offset: number): void {
    if (++this.depth > MAX_DEPTH) throw new ConditionSyntaxError(`nesting deeper than ${MAX_DEPTH}`, offset);
  }
}

/** Parses a condition; a syntax error comes back with its code and position, never thrown. */
export function parseCondition(source: SourceText): ParseResult {
  try {
    return { expr: new Parser(source).parse() };
  } catch (err) {
    if (err instanceof ConditionSyntaxError) {
      return { error: { code: err.code, message: err.message, at: source.locate(err.offset) } };
    }
    throw err;
  }
}

/** A field reference written on its own (an exception's `fields` entry): `proc.name`, `proc.aname[2]`. */
export function parseFieldRef(text: string, at: SourceLocation): FieldRef | ParseFailure {
  const s = new Scanner(text.trim());
  try {
    const name = s.readDottedName();
    if (!name.includes('.')) throw new ConditionSyntaxError(`'${name}' is not a field name`, 0);
    let arg: string | null = null;
    if (s.accept('[')) {
      arg = s.readFieldArg();
      s.expect(']', "']'");
    }
    if (!s.atEnd())
      throw new ConditionSyntaxError(`unexpected ${s.describeNext()} after field '${name}'`, s.pos);
    return { name, arg, transformers: [], at };
  } catch (err) {
    if (err instanceof ConditionSyntaxError) return { code: err.code, message: err.message, at };
    throw err;
  }
}
