// The agent's alerts and baselines inside the store. Parameterized queries only; JSON columns are written and
// read here and nowhere else.
import type { Kysely } from 'kysely';
import { CoastguardError } from '../core/errors.js';
import { type Alert, parseRulePriority } from '../core/runtime/alert.js';
import {
  BASELINE_KINDS,
  type BaselineItem,
  type BaselineKind,
  type ImageBaseline,
  type RuntimeRepository,
  type StoredAlert,
} from '../core/runtime/runtime-repository.js';
import type { Database, RuntimeAlertTable } from './schema.js';

type Guard = <T>(action: string, work: () => Promise<T>) => Promise<T>;

/** Rows per INSERT: well under SQLite's bound-parameter limit at four columns a row. */
const BATCH = 200;

function fromAlertRow(row: RuntimeAlertTable): StoredAlert {
  return {
    key: row.key,
    rule: row.rule,
    priority: parseRulePriority(row.priority) ?? 'warning',
    output: row.output,
    container: { id: row.container_id, name: row.container_name, image: row.image },
    fields: JSON.parse(row.fields) as Alert['fields'],
    tags: JSON.parse(row.tags) as string[],
    count: row.count,
    firstSeen: row.first_seen,
    lastSeen: row.last_seen,
  };
}

function isBaselineKind(v: string): v is BaselineKind {
  return (BASELINE_KINDS as readonly string[]).includes(v);
}

export function createRuntimeRepository(db: Kysely<Database>, guard: Guard): RuntimeRepository {
  async function readBaselines(image?: string): Promise<ImageBaseline[]> {
    let q = db.selectFrom('runtime_baseline_images').selectAll().orderBy('image');
    if (image !== undefined)
      q = q.where((eb) => eb.or([eb('image', '=', image), eb('image_name', '=', image)]));
    const images = await q.execute();
    const out: ImageBaseline[] = [];
    for (const row of images) {
      const items = await db
        .selectFrom('runtime_baseline_items')
        .selectAll()
        .where('image', '=', row.image)
        .orderBy('kind')
        .orderBy('value')
        .execute();
      out.push({
        image: row.image,
        imageName: row.image_name,
        learnStartedAt: row.learn_started_at,
        learnUntil: row.learn_until,
        items: items.flatMap((i): BaselineItem[] =>
          isBaselineKind(i.kind) ? [{ kind: i.kind, value: i.value, firstSeen: i.first_seen }] : [],
        ),
      });
    }
    return out;
  }

  return {
    recordAlert: (key, alert, occurrences, lastSeen) =>
      guard(`record alert ${alert.rule}`, async () => {
        if (!(Number.isSafeInteger(occurrences) && occurrences >= 0)) {
          throw new CoastguardError(
            'INTERNAL',
            `alert occurrences must be a whole number ≥ 0, not ${occurrences}`,
          );
        }
        return db.transaction().execute(async (trx) => {
          const existing = await trx
            .selectFrom('runtime_alerts')
            .select(['count'])
            .where('key', '=', key)
            .executeTakeFirst();
          if (existing === undefined) {
            await trx
              .insertInto('runtime_alerts')
              .values({
                key,
                rule: alert.rule,
                priority: alert.priority,
                output: alert.output,
                container_id: alert.container.id,
                container_name: alert.container.name,
                image: alert.container.image,
                fields: JSON.stringify(alert.fields),
                tags: JSON.stringify(alert.tags),
                count: occurrences,
                first_seen: alert.time,
                last_seen: lastSeen,
              })
              .execute();
            return true;
          }
          await trx
            .updateTable('runtime_alerts')
            .set((eb) => ({
              count: eb('count', '+', occurrences),
              last_seen: lastSeen,
              fields: JSON.stringify(alert.fields),
            }))
            .where('key', '=', key)
            .execute();
          return false;
        });
      }),

    listAlerts: (options = {}) =>
      guard('list alerts', async () => {
        let q = db.selectFrom('runtime_alerts').selectAll().orderBy('last_seen', 'desc').orderBy('key');
        if (options.limit !== undefined) q = q.limit(options.limit);
        return (await q.execute()).map(fromAlertRow);
      }),

    startBaseline: (image, imageName, learnStartedAt, learnUntil) =>
      guard(`start the baseline of ${image}`, async () => {
        await db
          .insertInto('runtime_baseline_images')
          .values({ image, image_name: imageName, learn_started_at: learnStartedAt, learn_until: learnUntil })
          .onConflict((oc) => oc.column('image').doNothing())
          .execute();
        const [baseline] = await readBaselines(image);
        if (baseline === undefined)
          throw new CoastguardError('INTERNAL', `the baseline of ${image} vanished`);
        return baseline;
      }),

    addBaselineItems: (image, items) =>
      guard(`add to the baseline of ${image}`, async () => {
        for (let i = 0; i < items.length; i += BATCH) {
          const rows = items
            .slice(i, i + BATCH)
            .map((it) => ({ image, kind: it.kind, value: it.value, first_seen: it.firstSeen }));
          await db
            .insertInto('runtime_baseline_items')
            .values(rows)
            .onConflict((oc) => oc.columns(['image', 'kind', 'value']).doNothing())
            .execute();
        }
      }),

    listBaselines: (image) => guard('list baselines', () => readBaselines(image)),
  };
}
