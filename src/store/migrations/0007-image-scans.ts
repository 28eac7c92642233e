// Image scans kept for the host scan: one per image id, valid while the vulnerability database is unchanged.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('image_scans')
    .addColumn('image_id', 'text', (c) => c.primaryKey())
    .addColumn('database_fingerprint', 'text', (c) => c.notNull())
    .addColumn('scanned_at', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .execute();
}
