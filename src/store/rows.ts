// Conversions between core types and table rows. The only place that knows column names for both directions.
import type { Assessment } from '../core/assessment.js';
import { CoastguardError } from '../core/errors.js';
import type { Snapshot } from '../core/inventory/snapshot.js';
import type { CheckResult } from '../core/result/check-result.js';
import type { FindingChanges } from '../core/result/finding.js';
import { corruptStoreError, errorMessage } from './errors.js';
import type { TrackedFinding } from './finding-tracking.js';
import type { AssessmentTable, FindingTable } from './schema.js';
import type { AssessmentSummary } from './store.js';

export type AssessmentSummaryRow = Omit<AssessmentTable, 'snapshot' | 'changes'>;

/**
 * Timestamps are kept in one canonical UTC form (Date#toISOString) so that comparing the text compares the time,
 * in SQL on every dialect. Assessments may come from agents, so an unreadable time is bad input, not a crash.
 */
export function toCanonicalTime(value: string, field: string, assessmentId: string): string {
  const time = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(time)) {
    throw new CoastguardError(
      'BAD_INPUT',
      `Assessment ${assessmentId} has an unreadable ${field}: ${String(value)}`,
    );
  }
  return new Date(time).toISOString();
}

export function toAssessmentRow(
  assessment: Assessment,
  startedAt: string,
  finishedAt: string,
): AssessmentTable {
  const { host } = assessment.snapshot;
  const { summary } = assessment;
  return {
    id: assessment.id,
    host_id: host.id,
    hostname: host.hostname,
    started_at: startedAt,
    finished_at: finishedAt,
    tool_name: assessment.tool.name,
    tool_version: assessment.tool.version,
    snapshot: JSON.stringify(assessment.snapshot),
    summary_pass: summary.pass,
    summary_fail: summary.fail,
    summary_manual: summary.manual,
    summary_not_applicable: summary['not-applicable'],
    summary_error: summary.error,
    previous_assessment_id: null,
    opened_count: 0,
    fixed_count: 0,
    still_open_count: 0,
    changes: null,
  };
}

export function fromSummaryRow(row: AssessmentSummaryRow): AssessmentSummary {
  return {
    id: row.id,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    hostId: row.host_id,
    hostname: row.hostname,
    tool: { name: row.tool_name, version: row.tool_version },
    summary: {
      pass: row.summary_pass,
      fail: row.summary_fail,
      manual: row.summary_manual,
      'not-applicable': row.summary_not_applicable,
      error: row.summary_error,
    },
    opened: row.opened_count,
    fixed: row.fixed_count,
    stillOpen: row.still_open_count,
  };
}

export function fromAssessmentRow(
  row: AssessmentTable,
  results: CheckResult[],
  location: string,
): Assessment {
  const summary = fromSummaryRow(row);
  const assessment: Assessment = {
    id: row.id,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    tool: summary.tool,
    snapshot: parseJson<Snapshot>(row.snapshot, `the snapshot of assessment ${row.id}`, location),
    results,
    summary: summary.summary,
  };
  if (row.changes !== null) {
    assessment.changes = parseJson<FindingChanges>(
      row.changes,
      `the changes of assessment ${row.id}`,
      location,
    );
  }
  return assessment;
}

export function toFindingRow(finding: TrackedFinding): FindingTable {
  return {
    fingerprint: finding.fingerprint,
    host_id: finding.hostId,
    check_id: finding.checkId,
    cis_id: finding.cisId ?? null,
    title: finding.title,
    severity: finding.severity,
    subject_kind: finding.subject.kind,
    subject_id: finding.subject.id,
    subject_name: finding.subject.name,
    evidence: finding.evidence,
    remediation: finding.remediation,
    state: finding.state,
    first_seen: finding.firstSeen,
    last_seen: finding.lastSeen,
    fixed_at: finding.fixedAt ?? null,
    reopened_at: finding.reopenedAt ?? null,
    reopen_count: finding.reopenCount,
    first_assessment_id: finding.firstAssessmentId,
    last_assessment_id: finding.lastAssessmentId,
  };
}

export function fromFindingRow(row: FindingTable): TrackedFinding {
  return {
    fingerprint: row.fingerprint,
    hostId: row.host_id,
    checkId: row.check_id,
    ...(row.cis_id === null ? {} : { cisId: row.cis_id }),
    title: row.title,
    severity: row.severity,
    subject: { kind: row.subject_kind, id: row.subject_id, name: row.subject_name },
    evidence: row.evidence,
    remediation: row.remediation,
    state: row.state,
    firstSeen: row.first_seen,
    lastSeen: row.last_seen,
    ...(row.fixed_at === null ? {} : { fixedAt: row.fixed_at }),
    ...(row.reopened_at === null ? {} : { reopenedAt: row.reopened_at }),
    reopenCount: row.reopen_count,
    firstAssessmentId: row.first_assessment_id,
    lastAssessmentId: row.last_assessment_id,
  };
}

function parseJson<T>(text: string, what: string, location: string): T {
  try {
    return JSON.parse(text) as T;
  } catch (err) {
    throw corruptStoreError(location, `${what} is not valid JSON: ${errorMessage(err)}`, err);
  }
}
