// Which event types a condition can match (Falco's positive evt.type analysis, libsinsp filter/ppm_codes), and
// the condition specialised to the event types Coastguard observes.

import {
  RUNTIME_EVENT_TYPES,
  type RuntimeEventType,
  SYSCALLS_BY_EVENT_TYPE,
} from '../../core/runtime/runtime-event.js';
import type { Expr } from './ast.js';

/** A set of syscall names that can also be "all except": `{ negated: true, names: ∅ }` is every event type. */
export interface EventTypeSet {
  readonly negated: boolean;
  readonly names: ReadonlySet<string>;
}

const ALL: EventTypeSet = { negated: true, names: new Set() };
const NONE: EventTypeSet = { negated: false, names: new Set() };

export const OBSERVED_SYSCALLS: ReadonlySet<string> = new Set(Object.values(SYSCALLS_BY_EVENT_TYPE).flat());

function union(a: EventTypeSet, b: EventTypeSet): EventTypeSet {
  if (!a.negated && !b.negated) return { negated: false, names: new Set([...a.names, ...b.names]) };
  if (a.negated && b.negated)
    return { negated: true, names: new Set([...a.names].filter((n) => b.names.has(n))) };
  const [pos, neg] = a.negated ? [b, a] : [a, b];
  return { negated: true, names: new Set([...neg.names].filter((n) => !pos.names.has(n))) };
}

function intersect(a: EventTypeSet, b: EventTypeSet): EventTypeSet {
  if (!a.negated && !b.negated)
    return { negated: false, names: new Set([...a.names].filter((n) => b.names.has(n))) };
  if (a.negated && b.negated) return { negated: true, names: new Set([...a.names, ...b.names]) };
  const [pos, neg] = a.negated ? [b, a] : [a, b];
  return { negated: false, names: new Set([...pos.names].filter((n) => !neg.names.has(n))) };
}

function complement(a: EventTypeSet): EventTypeSet {
  return { negated: !a.negated, names: a.names };
}

/** The syscall names of an `evt.type` comparison, or undefined when the check is about something else. */
function evtTypeValues(expr: Extract<Expr, { kind: 'check' }>): string[] | undefined {
  const f = expr.field;
  if (f.name !== 'evt.type' || f.arg !== null || f.transformers.length > 0 || expr.value === null)
    return undefined;
  if (expr.op !== '=' && expr.op !== '!=' && expr.op !== 'in') return undefined;
  return expr.value.kind === 'scalar' ? [expr.value.text] : expr.value.items.map((i) => i.text);
}

/**
 * The event types `expr` can match. Checks on other fields can match any type; under `not` the evt.type sets
 * are complemented and and/or swap (De Morgan), as in libsinsp.
 */
export function eventTypesOf(expr: Expr, negated = false): EventTypeSet {
  switch (expr.kind) {
    case 'and':
    case 'or': {
      const sets = expr.children.map((c) => eventTypesOf(c, negated));
      const isIntersection = (expr.kind === 'and') !== negated;
      return sets.reduce((acc, s) => (isIntersection ? intersect(acc, s) : union(acc, s)));
    }
    case 'not':
      return eventTypesOf(expr.child, !negated);
    case 'const':
      return expr.value !== negated ? ALL : NONE;
    case 'macro':
      return ALL;
    case 'check': {
      const values = evtTypeValues(expr);
      if (!values) return ALL;
      const set: EventTypeSet = { negated: expr.op === '!=', names: new Set(values) };
      return negated ? complement(set) : set;
    }
  }
}

export function isAllEventTypes(set: EventTypeSet): boolean {
  return set.negated && set.names.size === 0;
}

/** The runtime event types (index buckets) with at least one syscall in the set. */
export function eventTypesToBuckets(set: EventTypeSet): RuntimeEventType[] {
  return RUNTIME_EVENT_TYPES.filter((t) =>
    SYSCALLS_BY_EVENT_TYPE[t].some((s) => set.names.has(s) !== set.negated),
  );
}

/** Syscalls a positive set names that no Coastguard event type carries. */
export function unobservedSyscalls(set: EventTypeSet): string[] {
  return set.negated ? [] : [...set.names].filter((n) => !OBSERVED_SYSCALLS.has(n)).sort();
}

/**
 * Replaces evt.type comparisons on syscalls we never observe by constants and folds them away, so a branch that
 * only concerns such events (the sendto half of Falco's `outbound` macro) neither runs nor needs its fields.
 */
export function specializeToObserved(expr: Expr): Expr {
  switch (expr.kind) {
    case 'and':
    case 'or': {
      const absorbing = expr.kind === 'or';
      const children: Expr[] = [];
      for (const child of expr.children) {
        const c = specializeToObserved(child);
        if (c.kind === 'const') {
          if (c.value === absorbing) return { kind: 'const', value: absorbing, at: expr.at };
          continue;
        }
        children.push(c);
      }
      if (children.length === 0) return { kind: 'const', value: !absorbing, at: expr.at };
      return children.length === 1 ? (children[0] as Expr) : { ...expr, children };
    }
    case 'not': {
      const child = specializeToObserved(expr.child);
      return child.kind === 'const'
        ? { kind: 'const', value: !child.value, at: expr.at }
        : { ...expr, child };
    }
    case 'check': {
      const values = evtTypeValues(expr);
      if (!values || expr.value === null) return expr;
      const kept = values.filter((v) => OBSERVED_SYSCALLS.has(v));
      if (expr.op === '!=') return kept.length === 0 ? { kind: 'const', value: true, at: expr.at } : expr;
      if (kept.length === 0) return { kind: 'const', value: false, at: expr.at };
      if (expr.value.kind === 'scalar' || kept.length === values.length) return expr;
      return {
        ...expr,
        value: { ...expr.value, items: expr.value.items.filter((i) => OBSERVED_SYSCALLS.has(i.text)) },
      };
    }
    default:
      return expr;
  }
}
