// Runtime state of the agent: aggregated alerts (one row per aggregation key with its count and first/last
// seen) and per-image behaviour baselines (what each image was seen doing while learning).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('runtime_alerts')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('output', 'text', (c) => c.notNull())
    .addColumn('container_id', 'text', (c) => c.notNull())
    .addColumn('container_name', 'text')
    .addColumn('image', 'text')
    .addColumn('fields', 'text', (c) => c.notNull())
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('first_seen', 'text', (c) => c.notNull())
    .addColumn('last_seen', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('runtime_alerts_last_seen').on('runtime_alerts').column('last_seen').execute();

  await db.schema
    .createTable('runtime_baseline_images')
    .addColumn('image', 'text', (c) => c.primaryKey())
    .addColumn('image_name', 'text')
    .addColumn('learn_started_at', 'text', (c) => c.notNull())
    .addColumn('learn_until', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('runtime_baseline_items')
    .addColumn('image', 'text', (c) =>
      c.notNull().references('runtime_baseline_images.image').onDelete('cascade'),
    )
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('first_seen', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('runtime_baseline_items_pk', ['image', 'kind', 'value'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('runtime_baseline_items').execute();
  await db.schema.dropTable('runtime_baseline_images').execute();
  await db.schema.dropTable('runtime_alerts').execute();
}
