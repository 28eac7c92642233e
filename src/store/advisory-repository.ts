// The vulnerability database inside the store: advisories by import source, looked up by package or by alias.
// Imports replace a source whole, in one transaction, so a failed import leaves the previous data in place.
import type { Kysely, Transaction } from 'kysely';
import type { Ecosystem } from '../core/package/ecosystem.js';
import type {
  Advisory,
  AdvisorySourceInfo,
  AdvisorySourceKind,
  AdvisorySourceStatus,
  IndexedAdvisory,
} from '../core/result/vulnerability.js';
import type { Database } from './schema.js';

export interface AdvisoryRepository {
  /**
   * Replaces every advisory of `source.id` with `records`, in one transaction: if iterating `records` throws,
   * the error propagates and nothing changes. An id met twice in one source keeps its first record. Resolves
   * to the number of advisories stored.
   */
  replaceSource(
    source: AdvisorySourceInfo,
    records: AsyncIterable<IndexedAdvisory>,
    importedAt: string,
  ): Promise<number>;
  /** Sorted by id. */
  listSources(): Promise<AdvisorySourceStatus[]>;
  /**
   * Advisories with an affected package keyed by `ecosystem` and one of `names` (normalised by the importer).
   * An id held by several sources comes back once, with its most recently modified record.
   */
  findByPackage(ecosystem: Ecosystem, names: readonly string[]): Promise<Advisory[]>;
  /** Advisories whose id, alias or upstream id is `id` (e.g. a CVE id), each id once. */
  findById(id: string): Promise<Advisory[]>;
}

type Guard = <T>(action: string, work: () => Promise<T>) => Promise<T>;

/** Rows per INSERT: well under SQLite's bound-parameter limit at five columns a row. */
const BATCH = 500;
/** Names per IN list of a lookup. */
const LOOKUP_CHUNK = 500;

export function createAdvisoryRepository(db: Kysely<Database>, guard: Guard): AdvisoryRepository {
  return {
    replaceSource: (source, records, importedAt) =>
      guard(`import advisories from ${source.id}`, () =>
        db.transaction().execute((trx) => replaceIn(trx, source, records, importedAt)),
      ),

    listSources: () =>
      guard('list advisory sources', async () => {
        const rows = await db.selectFrom('advisory_sources').selectAll().orderBy('id').execute();
        return rows.map((row) => ({
          id: row.id,
          kind: row.kind as AdvisorySourceKind,
          recordCount: row.record_count,
          importedAt: row.imported_at,
          ...(row.newest_modified === null ? {} : { newestModified: row.newest_modified }),
        }));
      }),

    findByPackage: (ecosystem, names) =>
      guard(`look up advisories for ${ecosystem} packages`, async () => {
        const unique = [...new Set(names)];
        const rows: { record: string }[] = [];
        for (let i = 0; i < unique.length; i += LOOKUP_CHUNK) {
          rows.push(
            ...(await db
              .selectFrom('advisory_packages as p')
              .innerJoin('advisories as a', (join) =>
                join.onRef('a.source_id', '=', 'p.source_id').onRef('a.id', '=', 'p.advisory_id'),
              )
              .select('a.record')
              .where('p.ecosystem', '=', ecosystem)
              .where('p.name', 'in', unique.slice(i, i + LOOKUP_CHUNK))
              .execute()),
          );
        }
        return newestPerId(rows);
      }),

    findById: (id) =>
      guard(`look up advisory ${id}`, async () => {
        const rows = await db
          .selectFrom('advisories as a')
          .select('a.record')
          .where((eb) =>
            eb.or([
              eb('a.id', '=', id),
              eb.exists(
                eb
                  .selectFrom('advisory_aliases as al')
                  .select('al.alias')
                  .whereRef('al.source_id', '=', 'a.source_id')
                  .whereRef('al.advisory_id', '=', 'a.id')
                  .where('al.alias', '=', id),
              ),
            ]),
          )
          .execute();
        return newestPerId(rows);
      }),
  };
}

async function replaceIn(
  trx: Transaction<Database>,
  source: AdvisorySourceInfo,
  records: AsyncIterable<IndexedAdvisory>,
  importedAt: string,
): Promise<number> {
  await trx.deleteFrom('advisory_aliases').where('source_id', '=', source.id).execute();
  await trx.deleteFrom('advisory_packages').where('source_id', '=', source.id).execute();
  await trx.deleteFrom('advisories').where('source_id', '=', source.id).execute();
  await trx.deleteFrom('advisory_sources').where('id', '=', source.id).execute();
  await trx
    .insertInto('advisory_sources')
    .values({
      id: source.id,
      kind: source.kind,
      imported_at: importedAt,
      record_count: 0,
      newest_modified: null,
    })
    .execute();

  const seen = new Set<string>();
  let batch: IndexedAdvisory[] = [];
  let newest: string | undefined;
  for await (const record of records) {
    if (seen.has(record.advisory.id)) continue;
    seen.add(record.advisory.id);
    if (newest === undefined || record.advisory.modified > newest) newest = record.advisory.modified;
    batch.push(record);
    if (batch.length >= BATCH) {
      await insertBatch(trx, source.id, batch);
      batch = [];
    }
  }
  if (batch.length > 0) await insertBatch(trx, source.id, batch);
  await trx
    .updateTable('advisory_sources')
    .set({ record_count: seen.size, newest_modified: newest ?? null })
    .where('id', '=', source.id)
    .execute();
  return seen.size;
}

async function insertBatch(
  trx: Transaction<Database>,
  sourceId: string,
  batch: readonly IndexedAdvisory[],
): Promise<void> {
  await trx
    .insertInto('advisories')
    .values(
      batch.map(({ advisory }) => ({
        source_id: sourceId,
        id: advisory.id,
        modified: advisory.modified,
        withdrawn: advisory.withdrawn ?? null,
        record: JSON.stringify(advisory),
      })),
    )
    .execute();
  const packages = batch.flatMap(({ advisory, keys }) =>
    keys.map((key) => ({
      source_id: sourceId,
      advisory_id: advisory.id,
      ecosystem: key.ecosystem,
      name: key.name,
    })),
  );
  for (let i = 0; i < packages.length; i += BATCH) {
    await trx
      .insertInto('advisory_packages')
      .values(packages.slice(i, i + BATCH))
      .execute();
  }
  const aliases = batch.flatMap(({ advisory }) =>
    [...new Set([...advisory.aliases, ...advisory.upstream])].map((alias) => ({
      source_id: sourceId,
      advisory_id: advisory.id,
      alias,
    })),
  );
  for (let i = 0; i < aliases.length; i += BATCH) {
    await trx
      .insertInto('advisory_aliases')
      .values(aliases.slice(i, i + BATCH))
      .execute();
  }
}

/** The record JSON was validated on import and written by us, so it is read back as is. */
function newestPerId(rows: readonly { record: string }[]): Advisory[] {
  const byId = new Map<string, Advisory>();
  for (const row of rows) {
    const advisory = JSON.parse(row.record) as Advisory;
    const known = byId.get(advisory.id);
    if (known === undefined || advisory.modified > known.modified) byId.set(advisory.id, advisory);
  }
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
