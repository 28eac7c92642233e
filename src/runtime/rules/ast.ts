// The condition language's syntax tree, and its rendering back to text (the "expanded condition" of a rule).

import type { SourceLocation } from '../../core/diagnostic.js';

export const COMPARISON_OPERATORS = [
  '=',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  'contains',
  'icontains',
  'bcontains',
  'startswith',
  'endswith',
  'glob',
] as const;
export const LIST_OPERATORS = ['in', 'intersects', 'pmatch'] as const;
export const UNARY_OPERATORS = ['exists'] as const;

export type ComparisonOperator = (typeof COMPARISON_OPERATORS)[number];
export type ListOperator = (typeof LIST_OPERATORS)[number];
export type Operator = ComparisonOperator | ListOperator | 'exists';

export const TRANSFORMERS = ['tolower', 'toupper', 'b64', 'basename', 'len'] as const;
export type Transformer = (typeof TRANSFORMERS)[number];

export interface FieldRef {
  readonly name: string;
  /** `proc.aname[2]` → '2'. Dotted forms (`evt.arg.flags`) stay in the name; the field registry splits them. */
  readonly arg: string | null;
  /** Outermost first: `tolower(basename(fd.name))` → ['tolower', 'basename']. */
  readonly transformers: readonly Transformer[];
  readonly at: SourceLocation;
}

export interface ScalarValue {
  readonly kind: 'scalar';
  readonly text: string;
  /** Quoted values are never taken as list names. */
  readonly quoted: boolean;
  readonly at: SourceLocation;
}

export interface ListValue {
  readonly kind: 'list';
  readonly items: readonly ScalarValue[];
  /** Written as a bare list name (`in shell_binaries`) rather than in parentheses. */
  readonly isReference: boolean;
  readonly at: SourceLocation;
}

export type Expr =
  | { readonly kind: 'and' | 'or'; readonly children: readonly Expr[]; readonly at: SourceLocation }
  | { readonly kind: 'not'; readonly child: Expr; readonly at: SourceLocation }
  | { readonly kind: 'macro'; readonly name: string; readonly at: SourceLocation }
  | {
      readonly kind: 'check';
      readonly field: FieldRef;
      readonly op: Operator;
      readonly value: ScalarValue | ListValue | null;
      readonly at: SourceLocation;
    }
  | { readonly kind: 'const'; readonly value: boolean; readonly at: SourceLocation };

export type CheckExpr = Extract<Expr, { kind: 'check' }>;

const BARE = /^[^\s(),="'\\]+$/;
const KEYWORDS = new Set(['and', 'or', 'not']);

export function formatValue(text: string): string {
  if (BARE.test(text) && !KEYWORDS.has(text)) return text;
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\t/g, '\\t')}"`;
}

export function formatField(field: FieldRef): string {
  let text = field.arg === null ? field.name : `${field.name}[${field.arg}]`;
  for (let i = field.transformers.length - 1; i >= 0; i--) text = `${field.transformers[i]}(${text})`;
  return text;
}

/** Canonical text: and/or groups in parentheses, values quoted only when needed. */
export function formatExpr(expr: Expr): string {
  switch (expr.kind) {
    case 'and':
    case 'or':
      return `(${expr.children.map(formatExpr).join(` ${expr.kind} `)})`;
    case 'not':
      return `not ${formatExpr(expr.child)}`;
    case 'macro':
      return expr.name;
    case 'const':
      return expr.value ? 'true' : 'false';
    case 'check': {
      const head = `${formatField(expr.field)} ${expr.op}`;
      if (expr.value === null) return head;
      if (expr.value.kind === 'scalar') return `${head} ${formatValue(expr.value.text)}`;
      return `${head} (${expr.value.items.map((v) => formatValue(v.text)).join(', ')})`;
    }
  }
}
