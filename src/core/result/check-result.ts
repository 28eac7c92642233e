// The outcome of one check on one subject: the unit every report, finding and control status is built from.
import type { Severity } from './severity.js';

export const CHECK_STATUSES = ['pass', 'fail', 'manual', 'not-applicable', 'error'] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];

export type SubjectKind = 'host' | 'daemon' | 'image' | 'container' | 'network';

/** What a result is about. For containers `name` is the name without Docker's leading slash. */
export interface Subject {
  kind: SubjectKind;
  id: string;
  name: string;
}

export interface CheckResult {
  /** Stable id from shared/compliance/mappings/checks.json, or `cis-docker-<cisId>` where none exists. */
  checkId: string;
  /** CIS Docker Benchmark v1.6.0 recommendation id, e.g. "5.5", when the result comes from CIS. */
  cisId?: string;
  title: string;
  status: CheckStatus;
  severity: Severity;
  subject: Subject;
  /** The exact value seen (e.g. `HostConfig.Privileged=true`) or, for manual results, what a person must review. */
  evidence: string;
  /** One line: what to change. */
  remediation: string;
}

export type StatusCounts = Record<CheckStatus, number>;

export function countStatuses(results: Iterable<CheckResult>): StatusCounts {
  const counts: StatusCounts = { pass: 0, fail: 0, manual: 0, 'not-applicable': 0, error: 0 };
  for (const r of results) counts[r.status] += 1;
  return counts;
}
