// The offline vulnerability database: OSV advisories by import source, indexed by the packages they name and by
// their aliases. A source is replaced whole on each import, so every row carries its source id.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('advisory_sources')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addColumn('record_count', 'integer', (c) => c.notNull())
    .addColumn('newest_modified', 'text')
    .execute();

  await db.schema
    .createTable('advisories')
    .addColumn('source_id', 'text', (c) => c.notNull().references('advisory_sources.id').onDelete('cascade'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('modified', 'text', (c) => c.notNull())
    .addColumn('withdrawn', 'text')
    .addColumn('record', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('advisories_pk', ['source_id', 'id'])
    .execute();
  await db.schema.createIndex('advisories_id').on('advisories').column('id').execute();

  await db.schema
    .createTable('advisory_packages')
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('advisory_id', 'text', (c) => c.notNull())
    .addColumn('ecosystem', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('advisory_packages_pk', ['source_id', 'advisory_id', 'ecosystem', 'name'])
    .addForeignKeyConstraint(
      'advisory_packages_advisory',
      ['source_id', 'advisory_id'],
      'advisories',
      ['source_id', 'id'],
      (c) => c.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('advisory_packages_lookup')
    .on('advisory_packages')
    .columns(['ecosystem', 'name'])
    .execute();

  await db.schema
    .createTable('advisory_aliases')
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('advisory_id', 'text', (c) => c.notNull())
    .addColumn('alias', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('advisory_aliases_pk', ['source_id', 'advisory_id', 'alias'])
    .addForeignKeyConstraint(
      'advisory_aliases_advisory',
      ['source_id', 'advisory_id'],
      'advisories',
      ['source_id', 'id'],
      (c) => c.onDelete('cascade'),
    )
    .execute();
  await db.schema.createIndex('advisory_aliases_alias').on('advisory_aliases').column('alias').execute();
}
