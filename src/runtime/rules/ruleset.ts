// Phase 4: compiled rules indexed by event type (Falco's evttype_index_ruleset); an event meets only the rules
// that can match its type.

import type { Alert, AlertFieldValue } from '../../core/runtime/alert.js';
import {
  RUNTIME_EVENT_TYPES,
  type RuntimeEvent,
  type RuntimeEventType,
  SYSCALLS_BY_EVENT_TYPE,
} from '../../core/runtime/runtime-event.js';
import { type BucketEvaluator, generateBucket, specializeToSyscalls } from './codegen.js';
import type { CompiledRule } from './compile.js';
import type { FieldValue, ResolvedField } from './fields/index.js';
import { readFieldSafely, renderOutput } from './output.js';

export interface RulesetStats {
  /** Predicates that threw on a malformed event (counted as no match). */
  predicateErrors: number;
}

export interface Ruleset {
  /** The enabled rules, in definition order. */
  readonly rules: readonly CompiledRule[];
  readonly stats: RulesetStats;
  /** Rules that may match events of this type. */
  rulesFor(type: RuntimeEventType): readonly CompiledRule[];
  /** Alerts of every enabled rule the event matches, in rule order. */
  evaluate(event: RuntimeEvent): Alert[];
}

const NO_ALERTS: Alert[] = [];
Object.freeze(NO_ALERTS);

function alertValue(value: FieldValue): AlertFieldValue {
  if (value === undefined) return null;
  if (Array.isArray(value)) return value.join(',');
  return value as AlertFieldValue;
}

function alertFields(rule: CompiledRule): readonly ResolvedField[] {
  const byKey = new Map<string, ResolvedField>();
  for (const f of rule.conditionFields) byKey.set(f.key, f);
  for (const f of rule.output.fields) byKey.set(f.key, f);
  return [...byKey.values()];
}

interface Bucket {
  readonly rules: readonly CompiledRule[];
  readonly evaluate: BucketEvaluator;
}

export function createRuleset(compiled: readonly CompiledRule[]): Ruleset {
  const rules = compiled.filter((r) => r.enabled);
  const buckets = new Map<string, Bucket>();
  for (const type of RUNTIME_EVENT_TYPES) {
    const members = rules.filter((r) => r.eventTypes.includes(type));
    if (members.length === 0) continue;
    const syscalls = new Set(SYSCALLS_BY_EVENT_TYPE[type]);
    const { evaluate } = generateBucket(members.map((r) => specializeToSyscalls(r.typedCondition, syscalls)));
    buckets.set(type, { rules: members, evaluate });
  }
  const fieldsOf = new Map(rules.map((r) => [r, alertFields(r)]));
  const stats: RulesetStats = { predicateErrors: 0 };
  const matched: number[] = [];

  const toAlert = (rule: CompiledRule, event: RuntimeEvent): Alert => {
    const fields: Record<string, AlertFieldValue> = {};
    for (const f of fieldsOf.get(rule) ?? []) fields[f.key] = alertValue(readFieldSafely(f, event));
    const container = event.container ?? { id: 'host', name: null, image: null };
    return {
      // An event without a valid time (a malformed foreign one) is stamped with the time it was evaluated.
      time: new Date(Number.isFinite(event.time) ? event.time : Date.now()).toISOString(),
      rule: rule.name,
      priority: rule.priority,
      output: renderOutput(rule.output, event),
      tags: [...rule.tags],
      container: { id: container.id, name: container.name ?? null, image: container.image ?? null },
      fields,
    };
  };

  /** Rule by rule, so that one rule failing on a malformed event does not hide the others' matches. */
  const evaluateEach = (bucket: Bucket, event: RuntimeEvent): void => {
    matched.length = 0;
    bucket.rules.forEach((rule, i) => {
      try {
        if (rule.predicate(event)) matched.push(i);
      } catch {
        stats.predicateErrors++;
      }
    });
  };

  return {
    rules,
    stats,
    rulesFor: (type) => buckets.get(type)?.rules ?? [],
    evaluate(event) {
      const bucket = buckets.get(event.type);
      if (bucket === undefined) return NO_ALERTS;
      matched.length = 0;
      try {
        bucket.evaluate(event, matched);
      } catch {
        // Sensors emit the fixed shape; input from elsewhere (a Falco JSON feed) may not.
        evaluateEach(bucket, event);
      }
      if (matched.length === 0) return NO_ALERTS;
      return matched.map((i) => toAlert(bucket.rules[i] as CompiledRule, event));
    },
  };
}
