// The audit trail's repository: append-only by construction (it has no update or delete), and safe with several
// writers (the agent and the CLI) because each append reads the head and inserts after it under the write lock.
import type { Kysely } from 'kysely';
import {
  type AuditCheckpoint,
  type AuditDraft,
  type AuditEntry,
  CanonicalJsonError,
  type StoredAuditEntry,
  sealEntry,
  validateDraft,
} from '../core/audit/audit-entry.js';
import type { AuditRepository } from '../core/audit/audit-repository.js';
import { CoastguardError } from '../core/errors.js';
import type { AuditCheckpointTable, AuditEntryTable, Database } from './schema.js';

/** Runs `work` in a transaction that holds the database's write lock from its first statement (dialect-specific). */
/**
 * What an append or checkpoint does inside its transaction. Synchronous: the whole read-seal-write happens under the
 * write lock with nothing else of this process interleaved.
 */
export interface ChainTransaction {
  head(): Pick<AuditEntry, 'seq' | 'hash'> | undefined;
  checkpointAt(seq: number): AuditCheckpointTable | undefined;
  insertEntry(row: AuditEntryTable): void;
  insertCheckpoint(row: AuditCheckpointTable): void;
}

/**
 * Runs `work` in one transaction that holds the database's write lock from before its first read to its commit,
 * so no other writer (process) can chain after the same head; a waiting writer waits for the busy timeout.
 */
export type ChainWrite = <T>(work: (tx: ChainTransaction) => T) => Promise<T>;

/** Rows as arrays of column values, parameterized (see StoreOptions.readRows). */
export type RowReader = (query: string, params: readonly (string | number)[]) => Promise<unknown[][]>;

export function createAuditRepository(
  db: Kysely<Database>,
  chainWrite: ChainWrite,
  guard: <T>(action: string, work: () => Promise<T>) => Promise<T>,
  readRows?: RowReader,
): AuditRepository {
  return {
    append: (drafts, options = {}) =>
      guard('append to the audit trail', async () => {
        const canonical = drafts.map(validatedData);
        if (drafts.length === 0) return { entries: [] };
        return chainWrite((tx) => {
          let previous = tx.head();
          // Taken under the lock, so times never go backwards along the chain on one clock.
          const time = (options.now?.() ?? new Date()).toISOString();
          const entries = drafts.map((draft, i) => {
            const entry = sealEntry(previous, draft, time, canonical[i]);
            previous = entry;
            return entry;
          });
          entries.forEach((e, i) => {
            tx.insertEntry(toEntryRow(e, canonical[i] ?? ''));
          });
          const checkpoint = options.checkpoint?.(entries);
          if (checkpoint !== undefined) tx.insertCheckpoint(toCheckpointRow(checkpoint));
          return checkpoint === undefined ? { entries } : { entries, checkpoint };
        });
      }),

    checkpointHead: (sign) =>
      guard('checkpoint the audit trail', () =>
        chainWrite((tx) => {
          const head = tx.head();
          if (head === undefined) return undefined;
          const existing = tx.checkpointAt(head.seq);
          if (existing !== undefined) return fromCheckpointRow(existing);
          const checkpoint = sign(head);
          tx.insertCheckpoint(toCheckpointRow(checkpoint));
          return checkpoint;
        }),
      ),

    head: () =>
      guard('read the audit trail', async () => {
        const row = await db
          .selectFrom('audit_entries')
          .selectAll()
          .orderBy('seq', 'desc')
          .limit(1)
          .executeTakeFirst();
        return row === undefined ? undefined : fromEntryRow(row);
      }),

    list: (query = {}) =>
      guard('read the audit trail', async () => {
        let select = db.selectFrom('audit_entries').selectAll().orderBy('seq');
        if (query.afterSeq !== undefined) select = select.where('seq', '>', query.afterSeq);
        if (query.sinceTime !== undefined) select = select.where('time', '>=', query.sinceTime);
        if (query.action !== undefined) select = select.where('action', '=', query.action);
        if (query.limit !== undefined) select = select.limit(query.limit);
        return (await select.execute()).map(fromEntryRow);
      }),

    page: (afterSeq, limit) =>
      guard('read the audit trail', async () => {
        if (readRows === undefined) {
          return (
            await db
              .selectFrom('audit_entries')
              .selectAll()
              .where('seq', '>', afterSeq)
              .orderBy('seq')
              .limit(limit)
              .execute()
          ).map(fromEntryRow);
        }
        const rows = await readRows(PAGE_QUERY, [afterSeq, limit]);
        return rows.map(([seq, time, actor, action, subject, data, prevHash, hash]) => ({
          seq: seq as number,
          time: time as string,
          actor: actor as string,
          action: action as string,
          subject: subject as string,
          canonicalData: data as string,
          prevHash: prevHash as string,
          hash: hash as string,
        }));
      }),

    listCheckpoints: (query = {}) =>
      guard('read the audit checkpoints', async () => {
        let select = db.selectFrom('audit_checkpoints').selectAll().orderBy('seq');
        if (query.fromSeq !== undefined) select = select.where('seq', '>=', query.fromSeq);
        return (await select.execute()).map(fromCheckpointRow);
      }),
  };
}

function validatedData(draft: AuditDraft): string {
  try {
    return validateDraft(draft);
  } catch (err) {
    if (!(err instanceof CanonicalJsonError)) throw err;
    throw new CoastguardError(
      'INTERNAL',
      `Refused to append audit entry ${String(draft.action)}: ${err.message}.`,
      { cause: err },
    );
  }
}

function toEntryRow(entry: AuditEntry, canonicalData: string): AuditEntryTable {
  return {
    seq: entry.seq,
    time: entry.time,
    actor: entry.actor,
    action: entry.action,
    subject: entry.subject,
    data: canonicalData,
    prev_hash: entry.prevHash,
    hash: entry.hash,
  };
}

/** Columns in the order `page` reads them. */
const PAGE_QUERY =
  'select seq, time, actor, action, subject, data, prev_hash, hash from audit_entries where seq > ? order by seq limit ?';

function fromEntryRow(row: AuditEntryTable): StoredAuditEntry {
  return {
    seq: row.seq,
    time: row.time,
    actor: row.actor,
    action: row.action,
    subject: row.subject,
    canonicalData: row.data,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

function toCheckpointRow(checkpoint: AuditCheckpoint): AuditCheckpointTable {
  return {
    seq: checkpoint.seq,
    hash: checkpoint.hash,
    time: checkpoint.time,
    key_id: checkpoint.keyId,
    signature: checkpoint.signature,
  };
}

function fromCheckpointRow(row: AuditCheckpointTable): AuditCheckpoint {
  return { seq: row.seq, hash: row.hash, time: row.time, keyId: row.key_id, signature: row.signature };
}
