// Binds each check of an expanded condition to a field from the registry, checks the operator against the
// field's type and converts the values (numbers, booleans, addresses, globs) once, at load.

import type { Diagnostic } from '../../core/diagnostic.js';
import type { RuntimeEvent } from '../../core/runtime/runtime-event.js';
import type { CheckExpr, Expr, Operator, ScalarValue, Transformer } from './ast.js';
import type { FieldAccess, ScalarTest, TypedExpr } from './codegen.js';
import type { FieldRegistry, FieldScalar, FieldType, FieldValue, ResolvedField } from './fields/index.js';
import {
  compileBytesContains,
  compileGlob,
  compileNetworkMatch,
  compilePathMatch,
  type IpNetwork,
  parseIp,
  parseNetwork,
} from './operators.js';

const OPERATORS_BY_TYPE: Record<FieldType, ReadonlySet<Operator>> = {
  string: new Set<Operator>([
    '=',
    '!=',
    'contains',
    'icontains',
    'bcontains',
    'startswith',
    'endswith',
    'glob',
    'pmatch',
    'in',
    'intersects',
    'exists',
  ]),
  number: new Set<Operator>(['=', '!=', '<', '<=', '>', '>=', 'in', 'intersects', 'exists']),
  boolean: new Set<Operator>(['=', '!=', 'in', 'exists']),
  ipaddr: new Set<Operator>(['=', '!=', 'in', 'intersects', 'exists']),
  ipnet: new Set<Operator>(['=', '!=', 'in', 'intersects', 'exists']),
};

class BadValue extends Error {}

function applyTransformers(v: FieldValue, transformers: readonly Transformer[]): FieldValue {
  let out = v;
  for (let i = transformers.length - 1; i >= 0 && out !== null; i--) {
    const s = out as string;
    switch (transformers[i]) {
      case 'tolower':
        out = s.toLowerCase();
        break;
      case 'toupper':
        out = s.toUpperCase();
        break;
      case 'basename':
        out = s.slice(s.lastIndexOf('/') + 1);
        break;
      case 'b64':
        out = Buffer.from(s, 'base64').toString('utf8');
        break;
      case 'len':
        out = s.length;
        break;
    }
  }
  return out;
}

function toNumber(text: string): number {
  if (/^[+-]?\d+$/.test(text)) return Number(text);
  if (/^0[xX][0-9a-fA-F]+$/.test(text)) return Number.parseInt(text.slice(2), 16);
  throw new BadValue(`'${text}' is not a number`);
}

function toBoolean(text: string): boolean {
  if (text === 'true') return true;
  if (text === 'false') return false;
  throw new BadValue(`'${text}' is not true or false`);
}

function toNetwork(text: string): IpNetwork {
  const net = parseNetwork(text);
  if (!net) throw new BadValue(`'${text}' is not an IP address or network`);
  return net;
}

function convert(type: FieldType, text: string): FieldScalar {
  switch (type) {
    case 'number':
      return toNumber(text);
    case 'boolean':
      return toBoolean(text);
    default:
      return text;
  }
}

/** The test for `field op value(s)`; throws BadValue with a message for values the type cannot hold. */
function buildTest(type: FieldType, op: Operator, values: readonly string[]): ScalarTest {
  if (op === 'exists') return { kind: 'exists' };
  if (type === 'ipaddr' || type === 'ipnet') {
    const nets = values.map((v) => {
      if (type === 'ipaddr' && v.includes('/')) throw new BadValue(`'${v}' is a network; use an *.net field`);
      if (type === 'ipaddr' && !parseIp(v)) throw new BadValue(`'${v}' is not an IP address`);
      return toNetwork(v);
    });
    return {
      kind: 'match',
      fn: compileNetworkMatch(nets) as (v: FieldScalar) => boolean,
      negate: op === '!=',
    };
  }
  if (op === 'in' || op === 'intersects')
    return { kind: 'in', values: new Set(values.map((v) => convert(type, v))) };
  if (op === 'pmatch')
    return { kind: 'match', fn: compilePathMatch(values) as (v: FieldScalar) => boolean, negate: false };
  const text = values[0] as string;
  switch (op) {
    case '=':
      return { kind: 'eq', value: convert(type, text) };
    case '!=':
      return { kind: 'ne', value: convert(type, text) };
    case '<':
      return { kind: 'lt', value: toNumber(text) };
    case '<=':
      return { kind: 'le', value: toNumber(text) };
    case '>':
      return { kind: 'gt', value: toNumber(text) };
    case '>=':
      return { kind: 'ge', value: toNumber(text) };
    case 'contains':
    case 'startswith':
    case 'endswith':
      return { kind: op, value: text };
    case 'icontains':
      return { kind: 'icontains', value: text.toLowerCase() };
    case 'glob':
      return { kind: 'match', fn: compileGlob(text) as (v: FieldScalar) => boolean, negate: false };
    case 'bcontains': {
      const fn = compileBytesContains(text);
      if (!fn) throw new BadValue(`'${text}' is not hex bytes (bcontains takes e.g. 504b0304)`);
      return { kind: 'match', fn: fn as (v: FieldScalar) => boolean, negate: false };
    }
  }
}

export interface TypedCondition {
  readonly expr: TypedExpr;
  /** Every field the condition reads, for the alert's `fields`. */
  readonly fields: readonly ResolvedField[];
}

/** Types an expanded condition; returns undefined when any check cannot be bound (see the diagnostics). */
export function typeCondition(
  expr: Expr,
  registry: FieldRegistry,
  what: string,
  diagnostics: Diagnostic[],
): TypedCondition | undefined {
  const fields = new Map<string, ResolvedField>();
  let ok = true;
  const fail = (code: string, message: string, at: CheckExpr['at']): undefined => {
    ok = false;
    diagnostics.push({ code, severity: 'error', message: `${what}: ${message}`, source: at });
    return undefined;
  };

  const check = (node: CheckExpr): TypedExpr | undefined => {
    const resolution = registry.resolve(node.field.name, node.field.arg);
    if ('error' in resolution) return fail('rules-unknown-field', resolution.error, node.field.at);
    const field = resolution.field;
    const transformers = node.field.transformers;
    let type = field.definition.type;
    if (transformers.length > 0) {
      if (type !== 'string' || field.isList) {
        return fail(
          'rules-bad-operator',
          `transformers apply to single-valued string fields, not '${field.key}'`,
          node.field.at,
        );
      }
      if (transformers[0] === 'len') type = 'number';
    }
    if (!OPERATORS_BY_TYPE[type].has(node.op)) {
      return fail(
        'rules-bad-operator',
        `operator '${node.op}' does not apply to ${type} field '${field.key}'`,
        node.at,
      );
    }
    const values: ScalarValue[] =
      node.value === null ? [] : node.value.kind === 'scalar' ? [node.value] : [...node.value.items];
    let test: ScalarTest;
    try {
      test = buildTest(
        type,
        node.op,
        values.map((v) => v.text),
      );
    } catch (err) {
      if (!(err instanceof BadValue)) throw err;
      const at = values.find((v) => err.message.includes(`'${v.text}'`))?.at ?? node.at;
      return fail('rules-bad-value', `${err.message} (field '${field.key}')`, at);
    }
    fields.set(field.key, field);
    const { definition, arg } = field;
    const read =
      transformers.length === 0
        ? (e: RuntimeEvent) => definition.read(e, arg)
        : (e: RuntimeEvent) => applyTransformers(definition.read(e, arg), transformers);
    const inline = transformers.length === 0 && arg === undefined && definition.path !== undefined;
    const some = field.isList ? definition.some : undefined;
    const key = transformers.reduce((k, t) => `${t}(${k})`, field.key);
    const access: FieldAccess = inline
      ? { key, path: definition.path as readonly string[], read, isList: field.isList }
      : some
        ? { key, read, isList: true, some: (e, t) => some(e, arg, t) }
        : { key, read, isList: field.isList };
    return { kind: 'check', access, test };
  };

  const visit = (node: Expr): TypedExpr | undefined => {
    switch (node.kind) {
      case 'and':
      case 'or': {
        const children = node.children.map(visit);
        return children.every((c) => c !== undefined) ? { kind: node.kind, children } : undefined;
      }
      case 'not': {
        const child = visit(node.child);
        return child ? { kind: 'not', child } : undefined;
      }
      case 'const':
        return { kind: 'const', value: node.value };
      case 'macro':
        return fail('rules-unknown-macro', `macro '${node.name}' was not expanded`, node.at);
      case 'check':
        return check(node);
    }
  };

  const typed = visit(expr);
  return ok && typed ? { expr: typed, fields: [...fields.values()] } : undefined;
}
