// Runs one check in a test and returns its results, or the single result of a one-subject check.
import type { Check } from '../../core/check/check.js';
import type { Snapshot } from '../../core/inventory/snapshot.js';
import type { CheckResult } from '../../core/result/check-result.js';

export function evaluate(check: Check, snapshot: Snapshot): CheckResult[] {
  return [...check.evaluate(snapshot)];
}

export function evaluateOne(check: Check, snapshot: Snapshot): CheckResult {
  const results = evaluate(check, snapshot);
  if (results.length !== 1) throw new Error(`${check.id}: expected one result, got ${results.length}`);
  return results[0] as CheckResult;
}
