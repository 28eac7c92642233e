// The audit trail: hash-chained entries numbered 1, 2, 3… and the signed checkpoints over them. Both tables are
// append-only; the store has no code that updates or deletes them (see docs/audit-trail.md).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('audit_entries')
    // The primary key is what makes two writers that computed the same next seq collide instead of forking.
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('time', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_entries_time').on('audit_entries').columns(['time', 'seq']).execute();
  await db.schema
    .createIndex('audit_entries_action')
    .on('audit_entries')
    .columns(['action', 'seq'])
    .execute();

  await db.schema
    .createTable('audit_checkpoints')
    .addColumn('seq', 'integer', (c) => c.primaryKey().references('audit_entries.seq'))
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('time', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .execute();
}
