// An assessment: one run of the checks over one snapshot, as stored and reported.
import type { Snapshot } from './inventory/snapshot.js';
import type { CheckResult, StatusCounts } from './result/check-result.js';
import type { FindingChanges } from './result/finding.js';

export interface Assessment {
  id: string;
  startedAt: string;
  finishedAt: string;
  tool: { name: string; version: string };
  snapshot: Snapshot;
  results: CheckResult[];
  summary: StatusCounts;
  /** Filled in once the assessment is recorded and compared with the previous one. */
  changes?: FindingChanges;
}
