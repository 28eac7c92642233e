// The Store seam and its one implementation over Kysely. Nothing here knows the dialect: SQLite today,
// PostgreSQL later, both driving these same queries and running store.contract.ts.
import type { Kysely } from 'kysely';
import type { Assessment } from '../core/assessment.js';
import type { AuditRepository } from '../core/audit/audit-repository.js';
import { CoastguardError } from '../core/errors.js';
import type { StatusCounts } from '../core/result/check-result.js';
import type { Finding, FindingChanges, FindingState } from '../core/result/finding.js';
import { isAtLeast, isSeverity, SEVERITIES, type Severity, severityRank } from '../core/result/severity.js';
import type { RuntimeRepository } from '../core/runtime/runtime-repository.js';
import { type AdvisoryRepository, createAdvisoryRepository } from './advisory-repository.js';
import { type AttestationRepository, createAttestationRepository } from './attestation-repository.js';
import { type ChainWrite, createAuditRepository, type RowReader } from './audit-repository.js';
import type { DescribeStoreError } from './errors.js';
import { type TrackedFinding, toFinding } from './finding-tracking.js';
import { createImageScanRepository, type ImageScanRepository } from './image-scan-repository.js';
import { unpackResults } from './packed-results.js';
import { recordAssessmentIn } from './record-assessment.js';
import { fromAssessmentRow, fromFindingRow, fromSummaryRow } from './rows.js';
import { createRuntimeRepository } from './runtime-repository.js';
import type { Database } from './schema.js';

/** What history lists: an assessment without its snapshot and results. */
export interface AssessmentSummary {
  id: string;
  startedAt: string;
  finishedAt: string;
  hostId: string;
  hostname: string;
  tool: { name: string; version: string };
  summary: StatusCounts;
  /** Findings this assessment opened (new or reopened). */
  opened: number;
  /** Findings this assessment fixed. */
  fixed: number;
  /** Findings open before this assessment and still open after it. */
  stillOpen: number;
}

export interface FindingQuery {
  /** Default 'open'. */
  state?: FindingState | 'all';
  hostId?: string;
  /** Only findings at or above this severity. */
  minSeverity?: Severity;
}

export interface Store {
  /**
   * Records the assessment (snapshot, summary, every result) and tracks its findings, all in one transaction:
   * on any failure nothing is written. Returns how its findings changed against the previous assessment of the
   * same host (`snapshot.host.id`); the same changes are kept with the assessment. An assessment older than the
   * newest one recorded for its host is refused (BAD_INPUT): findings are tracked forward in time.
   */
  recordAssessment(assessment: Assessment): Promise<FindingChanges>;
  /** Newest first. */
  listAssessments(options?: { limit?: number }): Promise<AssessmentSummary[]>;
  /** The assessment as recorded, with its snapshot, results in their original order, and changes. */
  getAssessment(id: string): Promise<Assessment | undefined>;
  /** The newest assessment, of one host or of any. */
  latestAssessment(hostId?: string): Promise<Assessment | undefined>;
  /** Open findings first, then by severity (most severe first) and most recently seen. */
  listFindings(query?: FindingQuery): Promise<Finding[]>;
  /** The tamper-evident audit trail: append-only. */
  readonly audit: AuditRepository;
  /** The offline vulnerability database (OSV advisories by import source). */
  readonly advisories: AdvisoryRepository;
  /** The runtime agent's aggregated alerts and per-image baselines. */
  readonly runtime: RuntimeRepository;
  /** Answers to manual controls (`coastguard attest`). */
  readonly attestations: AttestationRepository;
  /** Image scans kept for the host scan, per image and vulnerability database. */
  readonly imageScans: ImageScanRepository;
  /** Idempotent. */
  close(): Promise<void>;
}

export interface StoreOptions {
  /** Names the database in messages: a file path or a redacted connection URL. */
  location: string;
  describeError: DescribeStoreError;
  /** How this dialect appends to the audit chain under the write lock. */
  chainWrite: ChainWrite;
  /**
   * Rows as arrays of column values, for bulk reads where building an object per row is most of the cost (the
   * audit trail's verification); parameterized. Without it, those reads go through the query builder.
   */
  readRows?: RowReader;
}

export function createStore(db: Kysely<Database>, options: StoreOptions): Store {
  const { location, describeError, chainWrite } = options;
  let isClosed = false;

  async function guard<T>(action: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      throw describeError(err, action);
    }
  }

  async function readAssessment(id: string): Promise<Assessment | undefined> {
    const row = await db.selectFrom('assessments').selectAll().where('id', '=', id).executeTakeFirst();
    if (row === undefined) return undefined;
    const packed = await db
      .selectFrom('assessment_results')
      .selectAll()
      .where('assessment_id', '=', id)
      .executeTakeFirst();
    const results =
      packed === undefined
        ? []
        : unpackResults(packed.packed, packed.result_count, `the results of assessment ${id}`, location);
    return fromAssessmentRow(row, results, location);
  }

  return {
    recordAssessment: (assessment) =>
      guard(`record assessment ${assessment.id}`, () => recordAssessmentIn(db, assessment)),

    listAssessments: (options = {}) =>
      guard('list assessments', async () => {
        const { limit } = options;
        if (limit !== undefined && !(Number.isSafeInteger(limit) && limit >= 0)) {
          throw new CoastguardError(
            'BAD_USAGE',
            `The assessment limit must be a whole number ≥ 0, not ${limit}.`,
          );
        }
        let query = db
          .selectFrom('assessments')
          .select([
            'id',
            'host_id',
            'hostname',
            'started_at',
            'finished_at',
            'tool_name',
            'tool_version',
            'summary_pass',
            'summary_fail',
            'summary_manual',
            'summary_not_applicable',
            'summary_error',
            'previous_assessment_id',
            'opened_count',
            'fixed_count',
            'still_open_count',
          ])
          .orderBy('started_at', 'desc')
          .orderBy('id', 'desc');
        if (limit !== undefined) query = query.limit(limit);
        return (await query.execute()).map(fromSummaryRow);
      }),

    getAssessment: (id) => guard(`read assessment ${id}`, () => readAssessment(id)),

    latestAssessment: (hostId) =>
      guard('read the latest assessment', async () => {
        let query = db
          .selectFrom('assessments')
          .select('id')
          .orderBy('started_at', 'desc')
          .orderBy('id', 'desc');
        if (hostId !== undefined) query = query.where('host_id', '=', hostId);
        const latest = await query.limit(1).executeTakeFirst();
        return latest === undefined ? undefined : readAssessment(latest.id);
      }),

    listFindings: (query = {}) =>
      guard('list findings', async () => {
        const state = query.state ?? 'open';
        if (!['open', 'fixed', 'all'].includes(state)) {
          throw new CoastguardError(
            'BAD_USAGE',
            `Unknown finding state ${String(state)}: use open, fixed or all.`,
          );
        }
        const { minSeverity } = query;
        if (minSeverity !== undefined && !isSeverity(minSeverity)) {
          throw new CoastguardError(
            'BAD_USAGE',
            `Unknown severity ${String(minSeverity)}: use ${SEVERITIES.join(', ')}.`,
          );
        }
        let select = db.selectFrom('findings').selectAll();
        if (state !== 'all') select = select.where('state', '=', state);
        if (query.hostId !== undefined) select = select.where('host_id', '=', query.hostId);
        if (minSeverity !== undefined) {
          select = select.where(
            'severity',
            'in',
            SEVERITIES.filter((s) => isAtLeast(s, minSeverity)),
          );
        }
        const rows = await select.execute();
        return rows.map(fromFindingRow).sort(compareFindings).map(toFinding);
      }),

    audit: createAuditRepository(db, chainWrite, guard, options.readRows),

    advisories: createAdvisoryRepository(db, guard),

    runtime: createRuntimeRepository(db, guard),

    attestations: createAttestationRepository(db, guard),

    imageScans: createImageScanRepository(db, guard),

    close: async () => {
      if (isClosed) return;
      isClosed = true;
      await guard('close the database', () => db.destroy());
    },
  };
}

/** Open before fixed, most severe first, most recently seen first; then a stable, readable order. */
function compareFindings(a: TrackedFinding, b: TrackedFinding): number {
  return (
    Number(a.state === 'fixed') - Number(b.state === 'fixed') ||
    severityRank(b.severity) - severityRank(a.severity) ||
    b.lastSeen.localeCompare(a.lastSeen) ||
    a.checkId.localeCompare(b.checkId) ||
    a.subject.name.localeCompare(b.subject.name) ||
    a.fingerprint.localeCompare(b.fingerprint)
  );
}
