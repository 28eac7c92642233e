// Results are only ever read back whole, with their assessment, so they are kept as one compressed row per
// assessment instead of one row each: recording 200 containers' 6,600 results was a third of a scan's time.
import type { Kysely } from 'kysely';
import { packResults } from '../packed-results.js';

interface OldResultRow {
  check_id: string;
  cis_id: string | null;
  title: string;
  status: string;
  severity: string;
  subject_kind: string;
  subject_id: string;
  subject_name: string;
  evidence: string;
  remediation: string;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('assessment_results')
    .addColumn('assessment_id', 'text', (c) =>
      c.primaryKey().references('assessments.id').onDelete('cascade'),
    )
    .addColumn('result_count', 'integer', (c) => c.notNull())
    .addColumn('packed', 'blob', (c) => c.notNull())
    .execute();

  const old = db as unknown as Kysely<{
    results: OldResultRow & { assessment_id: string; position: number };
  }>;
  const ids = await old.selectFrom('results').select('assessment_id').distinct().execute();
  const packed = db as unknown as Kysely<{
    assessment_results: { assessment_id: string; result_count: number; packed: Uint8Array };
  }>;
  for (const { assessment_id } of ids) {
    const rows = await old
      .selectFrom('results')
      .selectAll()
      .where('assessment_id', '=', assessment_id)
      .orderBy('position')
      .execute();
    const results = rows.map((r) => ({
      checkId: r.check_id,
      ...(r.cis_id === null ? {} : { cisId: r.cis_id }),
      title: r.title,
      status: r.status,
      severity: r.severity,
      subject: { kind: r.subject_kind, id: r.subject_id, name: r.subject_name },
      evidence: r.evidence,
      remediation: r.remediation,
    }));
    await packed
      .insertInto('assessment_results')
      .values({ assessment_id, result_count: results.length, packed: packResults(results as never) })
      .execute();
  }
  await db.schema.dropTable('results').execute();
}
