// The first schema: assessments (with their snapshot), their results, and findings tracked across assessments.
// Migrations are history: value lists are spelled out here, not imported from core, so a later change to core
// cannot silently change what this migration did.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('assessments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('host_id', 'text', (c) => c.notNull())
    .addColumn('hostname', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text', (c) => c.notNull())
    .addColumn('tool_name', 'text', (c) => c.notNull())
    .addColumn('tool_version', 'text', (c) => c.notNull())
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('summary_pass', 'integer', (c) => c.notNull())
    .addColumn('summary_fail', 'integer', (c) => c.notNull())
    .addColumn('summary_manual', 'integer', (c) => c.notNull())
    .addColumn('summary_not_applicable', 'integer', (c) => c.notNull())
    .addColumn('summary_error', 'integer', (c) => c.notNull())
    .addColumn('previous_assessment_id', 'text')
    .addColumn('opened_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('fixed_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('still_open_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('changes', 'text')
    .execute();
  await db.schema
    .createIndex('assessments_started_at')
    .on('assessments')
    .columns(['started_at', 'id'])
    .execute();
  await db.schema
    .createIndex('assessments_host_started_at')
    .on('assessments')
    .columns(['host_id', 'started_at', 'id'])
    .execute();

  await db.schema
    .createTable('results')
    .addColumn('assessment_id', 'text', (c) => c.notNull().references('assessments.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('check_id', 'text', (c) => c.notNull())
    .addColumn('cis_id', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('pass', 'fail', 'manual', 'not-applicable', 'error')`),
    )
    .addColumn('severity', 'text', (c) =>
      c.notNull().check(sql`severity in ('info', 'low', 'medium', 'high', 'critical')`),
    )
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('subject_name', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('remediation', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('results_pk', ['assessment_id', 'position'])
    .execute();
  await db.schema.createIndex('results_fingerprint').on('results').column('fingerprint').execute();

  await db.schema
    .createTable('findings')
    .addColumn('fingerprint', 'text', (c) => c.primaryKey())
    .addColumn('host_id', 'text', (c) => c.notNull())
    .addColumn('check_id', 'text', (c) => c.notNull())
    .addColumn('cis_id', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) =>
      c.notNull().check(sql`severity in ('info', 'low', 'medium', 'high', 'critical')`),
    )
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('subject_name', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('remediation', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('open', 'fixed')`))
    .addColumn('first_seen', 'text', (c) => c.notNull())
    .addColumn('last_seen', 'text', (c) => c.notNull())
    .addColumn('fixed_at', 'text')
    .addColumn('reopened_at', 'text')
    .addColumn('reopen_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('first_assessment_id', 'text', (c) => c.notNull().references('assessments.id'))
    .addColumn('last_assessment_id', 'text', (c) => c.notNull().references('assessments.id'))
    .execute();
  await db.schema.createIndex('findings_host_state').on('findings').columns(['host_id', 'state']).execute();
  await db.schema
    .createIndex('findings_state_severity')
    .on('findings')
    .columns(['state', 'severity'])
    .execute();
}
