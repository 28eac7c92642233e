// Resolution passes over the condition tree: list items, macro references, and rule exceptions turned into
// `and not (...)` clauses. Each pass reports what it cannot resolve and leaves positions intact.

import type { Diagnostic, SourceLocation } from '../../core/diagnostic.js';
import {
  COMPARISON_OPERATORS,
  type Expr,
  type FieldRef,
  LIST_OPERATORS,
  type ListValue,
  type Operator,
  type ScalarValue,
} from './ast.js';
import type { CollectedList, ExceptionDefinition, YamlTree } from './definitions.js';
import { Scanner } from './lexer.js';
import { parseFieldRef } from './parser.js';

export type ResolvedLists = ReadonlyMap<string, readonly string[]>;

/**
 * Falco writes list items that contain special characters double-quoted inside YAML quotes (`'"(systemd)"'`);
 * the quotes belong to the condition language and are removed here, with its escapes.
 */
export function unquoteListItem(item: string): string {
  const q = item[0];
  if (item.length < 2 || (q !== '"' && q !== "'") || item.at(-1) !== q) return item;
  const s = new Scanner(item);
  try {
    const text = s.readQuoted();
    return s.atEnd() ? text : item;
  } catch {
    return item;
  }
}

/**
 * Bounds for rule-file content that expands: nested lists and macros can grow exponentially (a "billion laughs"
 * of list or macro references), so expansion stops at these sizes with a diagnostic.
 */
export const MAX_LIST_ITEMS = 100_000;
export const MAX_CONDITION_NODES = 100_000;

/** Each list's items with references to earlier lists expanded (a list sees only lists defined before it). */
export function resolveLists(
  lists: ReadonlyMap<string, CollectedList>,
  report: (message: string, at: SourceLocation) => void = () => {},
): Map<string, string[]> {
  const ordered = [...lists.values()].sort((a, b) => a.index - b.index);
  const resolved = new Map<string, string[]>();
  for (const list of ordered) {
    const items: string[] = [];
    for (const item of list.items) {
      const ref = lists.get(item.value);
      const earlier = ref && ref.index < list.index ? resolved.get(item.value) : undefined;
      const added = earlier ?? [unquoteListItem(item.value)];
      if (items.length + added.length > MAX_LIST_ITEMS) {
        report(
          `list '${list.name}' expands to more than ${MAX_LIST_ITEMS} items; the rest is ignored`,
          item.source,
        );
        break;
      }
      for (const v of added) items.push(v);
    }
    resolved.set(list.name, items);
  }
  return resolved;
}

/**
 * The number of nodes of `expr` written out as a tree. Expanded macros are shared subtrees, so this is counted
 * over the shared graph (memoised) and stays cheap even when the written-out size is huge.
 */
export function conditionSize(expr: Expr, memo = new Map<Expr, number>()): number {
  const known = memo.get(expr);
  if (known !== undefined) return known;
  let size = 1;
  if (expr.kind === 'and' || expr.kind === 'or')
    for (const c of expr.children) size += conditionSize(c, memo);
  else if (expr.kind === 'not') size += conditionSize(expr.child, memo);
  else if (expr.kind === 'check' && expr.value?.kind === 'list') size += expr.value.items.length;
  memo.set(expr, size);
  return size;
}

/** Replaces unquoted list names inside list values by their items; a bare `in name` must name a list. */
export function expandLists(
  expr: Expr,
  lists: ResolvedLists,
  report: (message: string, at: SourceLocation) => void,
): Expr {
  const expandValue = (value: ListValue): ListValue => {
    const items: ScalarValue[] = [];
    for (const item of value.items) {
      const listItems = item.quoted ? undefined : lists.get(item.text);
      if (listItems) {
        for (const text of listItems) items.push({ kind: 'scalar', text, quoted: true, at: item.at });
      } else if (value.isReference) {
        report(`'${item.text}' is not a list`, item.at);
      } else items.push(item);
    }
    return { ...value, items, isReference: false };
  };
  const visit = (node: Expr): Expr => {
    switch (node.kind) {
      case 'and':
      case 'or':
        return { ...node, children: node.children.map(visit) };
      case 'not':
        return { ...node, child: visit(node.child) };
      case 'check':
        return node.value?.kind === 'list' ? { ...node, value: expandValue(node.value) } : node;
      default:
        return node;
    }
  };
  return visit(expr);
}

export type MacroLookup = (name: string) => Expr | 'broken' | undefined;

/**
 * Inlines macro references. Macros handed in are already expanded, so one level suffices and a cycle cannot
 * arise: a macro only sees macros defined before it. Undefined references are reported; references to macros
 * that failed to compile make the result undefined without a second report.
 */
export function expandMacros(
  expr: Expr,
  lookup: MacroLookup,
  report: (message: string, at: SourceLocation) => void,
  isList: (name: string) => boolean,
): Expr | undefined {
  let ok = true;
  const visit = (node: Expr): Expr => {
    switch (node.kind) {
      case 'and':
      case 'or':
        return { ...node, children: node.children.map(visit) };
      case 'not':
        return { ...node, child: visit(node.child) };
      case 'macro': {
        const body = lookup(node.name);
        if (body === undefined) {
          ok = false;
          report(
            isList(node.name)
              ? `'${node.name}' is a list, not a macro; use it as 'field in (${node.name})'`
              : `undefined macro '${node.name}'`,
            node.at,
          );
          return node;
        }
        if (body === 'broken') {
          ok = false;
          return node;
        }
        return body;
      }
      default:
        return node;
    }
  };
  const out = visit(expr);
  return ok ? out : undefined;
}

const EXCEPTION_OPERATORS = new Set<string>([...COMPARISON_OPERATORS, ...LIST_OPERATORS, '==']);
const isListOperator = (op: string): boolean => (LIST_OPERATORS as readonly string[]).includes(op);

function scalars(tree: YamlTree | undefined): YamlTree[] {
  if (!tree) return [];
  return tree.kind === 'seq' ? [...tree.items] : [tree];
}

/**
 * A rule's exceptions as `not (...)` clauses (falco.org/docs/concepts/rules/exceptions): a tuple of fields
 * becomes `not ((f1 c1 v1 and f2 c2 v2) or ...)`, a single field `not (f c (v1, v2, ...))`. Built as trees,
 * not text, so a value cannot change the structure of the condition.
 */
export function buildExceptionClauses(
  exceptions: readonly ExceptionDefinition[],
  what: string,
  diagnostics: Diagnostic[],
): Expr[] | undefined {
  let ok = true;
  const fail = (message: string, at: SourceLocation, code = 'rules-exception-invalid'): undefined => {
    ok = false;
    diagnostics.push({ code, severity: 'error', message: `${what}: ${message}`, source: at });
    return undefined;
  };
  const field = (tree: YamlTree): FieldRef | undefined => {
    if (tree.kind !== 'scalar') return fail('exception fields must be field names', tree.source);
    const ref = parseFieldRef(tree.value, tree.source);
    return 'name' in ref ? ref : fail(ref.message, ref.at);
  };
  const operator = (
    tree: YamlTree | undefined,
    fallback: string,
    at: SourceLocation,
  ): Operator | undefined => {
    const text = tree === undefined ? fallback : tree.kind === 'scalar' ? tree.value : undefined;
    if (text === undefined || !EXCEPTION_OPERATORS.has(text)) {
      return fail(
        `unknown comparison operator '${text ?? '[...]'}'`,
        tree?.source ?? at,
        'rules-bad-operator',
      );
    }
    return (text === '==' ? '=' : text) as Operator;
  };
  const scalarValue = (tree: YamlTree, quoted: boolean): ScalarValue | undefined =>
    tree.kind === 'scalar'
      ? { kind: 'scalar', text: tree.value, quoted, at: tree.source }
      : fail('expected a value, found a list', tree.source);
  const listValue = (trees: readonly YamlTree[], at: SourceLocation): ListValue | undefined => {
    const items = trees.map((t) => scalarValue(t, false));
    return items.every((i) => i !== undefined) ? { kind: 'list', items, isReference: false, at } : undefined;
  };

  const clauses: Expr[] = [];
  for (const ex of exceptions) {
    if (!ex.fields) {
      fail(`exception '${ex.name}' has no fields`, ex.source);
      continue;
    }
    const rows = scalars(ex.values);
    if (rows.length === 0) continue;
    if (ex.fields.kind === 'scalar') {
      const f = field(ex.fields);
      const op = operator(ex.comps, 'in', ex.source);
      if (!f || !op) continue;
      if (!isListOperator(op)) {
        fail(
          `exception '${ex.name}' has one field, so its comparison must be in, intersects or pmatch`,
          ex.comps?.source ?? ex.source,
        );
        continue;
      }
      const value = listValue(rows, ex.values?.source ?? ex.source);
      if (value)
        clauses.push({ kind: 'not', child: { kind: 'check', field: f, op, value, at: f.at }, at: ex.source });
      continue;
    }
    const fields = ex.fields.items.map(field);
    const compTrees = ex.comps === undefined ? [] : scalars(ex.comps);
    if (ex.comps !== undefined && compTrees.length !== fields.length) {
      fail(`exception '${ex.name}' needs one comparison per field`, ex.comps.source);
      continue;
    }
    const ops = fields.map((_, i) => operator(compTrees[i], '=', ex.source));
    const alternatives: Expr[] = [];
    for (const row of rows) {
      if (row.kind !== 'seq' || row.items.length !== fields.length) {
        fail(
          `exception '${ex.name}': each value must list ${fields.length} item(s), one per field`,
          row.source,
        );
        continue;
      }
      const checks: Expr[] = [];
      row.items.forEach((cell, i) => {
        const f = fields[i];
        const op = ops[i];
        if (!f || !op) return;
        const value = isListOperator(op)
          ? listValue(cell.kind === 'seq' ? cell.items : [cell], cell.source)
          : scalarValue(cell, true);
        if (value) checks.push({ kind: 'check', field: f, op, value, at: cell.source });
      });
      if (checks.length === fields.length) {
        alternatives.push(
          checks.length === 1 ? (checks[0] as Expr) : { kind: 'and', children: checks, at: row.source },
        );
      }
    }
    if (alternatives.length > 0) {
      const child: Expr =
        alternatives.length === 1
          ? (alternatives[0] as Expr)
          : { kind: 'or', children: alternatives, at: ex.source };
      clauses.push({ kind: 'not', child, at: ex.source });
    }
  }
  return ok ? clauses : undefined;
}
