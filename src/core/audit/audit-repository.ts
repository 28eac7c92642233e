// The audit trail's repository seam: what the store provides and the audit module uses. Append-only: it has no
// update or delete. Its contract (one exclusive transaction per append, durable on return) is in docs/audit-trail.md.
import type { AuditCheckpoint, AuditDraft, AuditEntry, StoredAuditEntry } from './audit-entry.js';

export interface AuditQuery {
  /** Entries with seq strictly greater (a cursor: pass the last seq you read). */
  afterSeq?: number;
  /** Entries appended at or after this ISO-8601 time. */
  sinceTime?: string;
  action?: string;
  limit?: number;
}

export interface AuditAppendOptions {
  /**
   * Called inside the write transaction with the entries just sealed; a checkpoint it returns is stored in the
   * same transaction, so a checkpoint never refers to an entry that was rolled back.
   */
  checkpoint?: (appended: readonly AuditEntry[]) => AuditCheckpoint | undefined;
  /** The entries' time (default now), for tests and imports. */
  now?: () => Date;
}

export interface AuditAppendResult {
  entries: AuditEntry[];
  checkpoint?: AuditCheckpoint;
}

export interface AuditRepository {
  /**
   * Appends the drafts, in order, as the next entries of the chain, in one exclusive write transaction: it
   * returns once they are committed (durable, see docs/audit-trail.md). Another writer appending at the same
   * time waits for the lock (the store's busy timeout), then chains after these.
   */
  append(drafts: readonly AuditDraft[], options?: AuditAppendOptions): Promise<AuditAppendResult>;
  /**
   * Stores a checkpoint at the current head, signed by `sign`, unless one is there already (returned as is).
   * Undefined for an empty trail.
   */
  checkpointHead(
    sign: (head: Pick<AuditEntry, 'seq' | 'hash'>) => AuditCheckpoint,
  ): Promise<AuditCheckpoint | undefined>;
  /** The newest entry. */
  head(): Promise<StoredAuditEntry | undefined>;
  /** Entries in seq order. */
  list(query?: AuditQuery): Promise<StoredAuditEntry[]>;
  /** At most `limit` entries after `afterSeq`, in seq order, unfiltered: the bulk read of verification and export. */
  page(afterSeq: number, limit: number): Promise<StoredAuditEntry[]>;
  /** Checkpoints in seq order, from `fromSeq` on. */
  listCheckpoints(query?: { fromSeq?: number }): Promise<AuditCheckpoint[]>;
}

/** Anything holding the trail: the Store, or a test double of just this member. */
export interface AuditStore {
  readonly audit: AuditRepository;
}
