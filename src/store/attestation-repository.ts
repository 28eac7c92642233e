// Attestations inside the store. Parameterized queries only; the files column is written and read here alone.
import type { Kysely } from 'kysely';
import type { Attestation, AttestedFile } from '../core/compliance/attestation.js';
import type { AttestationTable, Database } from './schema.js';

export interface AttestationRepository {
  record(attestation: Attestation): Promise<void>;
  remove(id: string): Promise<void>;
  /** Oldest first; only those of `framework` when given. */
  list(query?: { framework?: string }): Promise<Attestation[]>;
}

type Guard = <T>(action: string, work: () => Promise<T>) => Promise<T>;

function fromRow(row: AttestationTable): Attestation {
  return {
    id: row.id,
    framework: row.framework,
    control: row.control,
    statement: row.statement,
    by: row.attested_by,
    at: row.attested_at,
    ...(row.expires === null ? {} : { expires: row.expires }),
    files: JSON.parse(row.files) as AttestedFile[],
  };
}

export function createAttestationRepository(db: Kysely<Database>, guard: Guard): AttestationRepository {
  return {
    record: (a) =>
      guard(`record attestation ${a.id}`, async () => {
        await db
          .insertInto('attestations')
          .values({
            id: a.id,
            framework: a.framework,
            control: a.control,
            statement: a.statement,
            attested_by: a.by,
            attested_at: a.at,
            expires: a.expires ?? null,
            files: JSON.stringify(a.files),
          })
          .execute();
      }),
    remove: (id) =>
      guard(`remove attestation ${id}`, async () => {
        await db.deleteFrom('attestations').where('id', '=', id).execute();
      }),
    list: (query = {}) =>
      guard('list attestations', async () => {
        let q = db.selectFrom('attestations').selectAll().orderBy('attested_at').orderBy('id');
        if (query.framework !== undefined) q = q.where('framework', '=', query.framework);
        return (await q.execute()).map(fromRow);
      }),
  };
}
