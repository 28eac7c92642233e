// Brings a database to the latest schema, after making sure it is ours and not from a newer Coastguard.
import { type Kysely, Migrator } from 'kysely';
import { corruptStoreError, type DescribeStoreError, newerSchemaError } from '../errors.js';
import type { Database } from '../schema.js';
import { MIGRATIONS, migrationProvider } from './index.js';

/** Kysely's default bookkeeping table, named here because the schema check reads it before the Migrator runs. */
const MIGRATION_TABLE = 'kysely_migration';

type MigrationTables = Record<typeof MIGRATION_TABLE, { name: string; timestamp: string }>;

/**
 * Reads only. An empty database is fine (it gets the schema); one with tables but no migration record belongs to
 * something else; one that lists a migration this version does not know was written by a newer Coastguard, whose
 * schema we must not touch. Kysely's Migrator would refuse that too ("previously executed migration … is
 * missing"), but only after creating its tables, and with a message a user cannot act on.
 */
export async function assertSchemaUsable(db: Kysely<Database>, location: string): Promise<void> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  if (tables.length === 0) return;
  if (!tables.some((t) => t.name === MIGRATION_TABLE)) {
    const names = tables.map((t) => t.name).sort();
    throw corruptStoreError(location, `it holds tables ${names.join(', ')} but no Coastguard schema record`);
  }
  const executed = await db
    .withTables<MigrationTables>()
    .selectFrom(MIGRATION_TABLE)
    .select('name')
    .execute();
  const unknown = executed.map((row) => row.name).filter((name) => !Object.hasOwn(MIGRATIONS, name));
  const newest = unknown.sort().at(-1);
  if (newest !== undefined) throw newerSchemaError(location, newest);
}

export async function migrateToLatest(
  db: Kysely<Database>,
  location: string,
  describeError: DescribeStoreError,
): Promise<void> {
  await assertSchemaUsable(db, location);
  const { error, results } = await new Migrator({ db, provider: migrationProvider }).migrateToLatest();
  if (error === undefined) return;
  const failed = results?.find((r) => r.status === 'Error')?.migrationName;
  const action = failed === undefined ? 'prepare the schema' : `apply schema migration ${failed}`;
  throw describeError(error, action);
}
