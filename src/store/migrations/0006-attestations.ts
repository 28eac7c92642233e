// Attestations: a person's answer to a manual control, with the hashes of the evidence files they attached.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('attestations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('framework', 'text', (c) => c.notNull())
    .addColumn('control', 'text', (c) => c.notNull())
    .addColumn('statement', 'text', (c) => c.notNull())
    .addColumn('attested_by', 'text', (c) => c.notNull())
    .addColumn('attested_at', 'text', (c) => c.notNull())
    .addColumn('expires', 'text')
    .addColumn('files', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('attestations_control')
    .on('attestations')
    .columns(['framework', 'control'])
    .execute();
}
