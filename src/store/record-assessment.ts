// Recording one assessment: its row, its results and the tracking of its host's findings, in one transaction.
import type { Kysely, Transaction } from 'kysely';
import type { Assessment } from '../core/assessment.js';
import { CoastguardError } from '../core/errors.js';
import type { FindingChanges } from '../core/result/finding.js';
import { fingerprintResult } from '../core/result/fingerprint.js';
import {
  type FindingPlan,
  type FingerprintedResult,
  planFindings,
  type TrackedFinding,
  toFinding,
} from './finding-tracking.js';
import { packResults } from './packed-results.js';
import { fromFindingRow, toAssessmentRow, toCanonicalTime, toFindingRow } from './rows.js';
import type { Database } from './schema.js';

/** Rows per INSERT or IN list: far below SQLite's 32766 and PostgreSQL's 65535 bound parameters at 13 columns a row. */
const INSERT_CHUNK = 500;

export async function recordAssessmentIn(
  db: Kysely<Database>,
  assessment: Assessment,
): Promise<FindingChanges> {
  const hostId = assessment.snapshot.host.id;
  if (typeof hostId !== 'string' || hostId === '') {
    throw new CoastguardError('BAD_INPUT', `Assessment ${assessment.id} has no host id in its snapshot.`);
  }
  const startedAt = toCanonicalTime(assessment.startedAt, 'startedAt', assessment.id);
  const finishedAt = toCanonicalTime(assessment.finishedAt, 'finishedAt', assessment.id);
  const results: FingerprintedResult[] = assessment.results.map((result) => ({
    fingerprint: fingerprintResult(hostId, result),
    result,
  }));

  return db.transaction().execute(async (trx) => {
    // Write first: a transaction that starts by writing waits for the write lock (SQLite's busy timeout)
    // instead of failing when another writer commits between its first read and its first write.
    await trx
      .insertInto('assessments')
      .values(toAssessmentRow(assessment, startedAt, finishedAt))
      .execute();
    const previous = await findPrevious(trx, assessment.id, hostId, startedAt);
    await trx
      .insertInto('assessment_results')
      .values({
        assessment_id: assessment.id,
        result_count: assessment.results.length,
        packed: packResults(assessment.results),
      })
      .execute();

    const existing = await trx
      .selectFrom('findings')
      .selectAll()
      .where('host_id', '=', hostId)
      .orderBy('first_seen')
      .orderBy('fingerprint')
      .execute();
    const plan = planFindings({
      hostId,
      assessmentId: assessment.id,
      at: startedAt,
      snapshot: assessment.snapshot,
      results,
      existing: existing.map(fromFindingRow),
    });
    await applyPlan(trx, plan, { at: startedAt, assessmentId: assessment.id });

    const changes: FindingChanges = {
      ...(previous === undefined ? {} : { previousAssessmentId: previous }),
      opened: plan.opened.map(toFinding),
      fixed: plan.fixed.map(toFinding),
      stillOpen: plan.stillOpen,
    };
    await trx
      .updateTable('assessments')
      .set({
        previous_assessment_id: previous ?? null,
        opened_count: plan.opened.length,
        fixed_count: plan.fixed.length,
        still_open_count: plan.stillOpen,
        changes: JSON.stringify(changes),
      })
      .where('id', '=', assessment.id)
      .execute();
    return changes;
  });
}

/**
 * The host's newest other assessment. Findings are tracked forward in time, so one that started after this
 * assessment means this one arrives out of order: applying it would fix or reopen findings on stale evidence.
 */
async function findPrevious(
  trx: Transaction<Database>,
  assessmentId: string,
  hostId: string,
  startedAt: string,
): Promise<string | undefined> {
  const previous = await trx
    .selectFrom('assessments')
    .select(['id', 'started_at'])
    .where('host_id', '=', hostId)
    .where('id', '!=', assessmentId)
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (previous !== undefined && previous.started_at > startedAt) {
    throw new CoastguardError(
      'BAD_INPUT',
      `Assessment ${assessmentId} of host ${hostId} started at ${startedAt}, before the newest recorded ` +
        `assessment of that host (${previous.id}, ${previous.started_at}); it was not recorded.`,
    );
  }
  return previous?.id;
}

async function applyPlan(
  trx: Transaction<Database>,
  plan: FindingPlan,
  seen: { at: string; assessmentId: string },
): Promise<void> {
  for (const chunk of chunked(plan.created)) {
    await trx.insertInto('findings').values(chunk.map(toFindingRow)).execute();
  }
  for (const chunk of chunked(plan.seenAgain)) {
    await trx
      .updateTable('findings')
      .set({ last_seen: seen.at, last_assessment_id: seen.assessmentId })
      .where('fingerprint', 'in', fingerprintsOf(chunk))
      .execute();
  }
  for (const chunk of chunked(plan.fixed)) {
    await trx
      .updateTable('findings')
      .set({ state: 'fixed', fixed_at: seen.at })
      .where('fingerprint', 'in', fingerprintsOf(chunk))
      .execute();
  }
  for (const finding of plan.updated) {
    const { fingerprint, ...row } = toFindingRow(finding);
    await trx.updateTable('findings').set(row).where('fingerprint', '=', fingerprint).execute();
  }
}

function fingerprintsOf(findings: readonly TrackedFinding[]): string[] {
  return findings.map((f) => f.fingerprint);
}

/** Yields slices of at most INSERT_CHUNK items. */
function* chunked<T>(items: readonly T[]): Generator<readonly T[]> {
  for (let offset = 0; offset < items.length; offset += INSERT_CHUNK) {
    yield items.slice(offset, offset + INSERT_CHUNK);
  }
}
