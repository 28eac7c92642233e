// The one order every report lists results in, so the same assessment always reads (and diffs) the same way.
import type { CheckResult } from '../core/result/check-result.js';
import { severityRank } from '../core/result/severity.js';

/** Numeric-aware, so CIS 5.9 comes before 5.10 and `web-2` before `web-10`; a fixed locale keeps it stable. */
const numericAware = new Intl.Collator('en', { numeric: true });

export type OrderedItem = Pick<CheckResult, 'severity' | 'checkId' | 'cisId' | 'subject'> & {
  evidence?: string;
};

function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** Severity (most severe first), check id, CIS id, subject name; then kind, id and evidence so ties never depend on input order. */
export function compareResults(a: OrderedItem, b: OrderedItem): number {
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    compareCodePoints(a.checkId, b.checkId) ||
    numericAware.compare(a.cisId ?? '', b.cisId ?? '') ||
    numericAware.compare(a.subject.name, b.subject.name) ||
    compareCodePoints(a.subject.name, b.subject.name) ||
    compareCodePoints(a.subject.kind, b.subject.kind) ||
    compareCodePoints(a.subject.id, b.subject.id) ||
    compareCodePoints(a.evidence ?? '', b.evidence ?? '')
  );
}

/** A sorted copy; the assessment itself is never reordered. */
export function sortResults<T extends OrderedItem>(items: readonly T[]): T[] {
  return [...items].sort(compareResults);
}
