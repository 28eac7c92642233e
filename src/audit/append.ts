// Appending to the audit trail: what every part of Coastguard calls to record what it observed or did.
import type { AuditDraft, AuditEntry } from '../core/audit/audit-entry.js';
import type { AuditStore } from '../core/audit/audit-repository.js';
import { DEFAULT_CHECKPOINT_EVERY, isCheckpointDue, signCheckpoint } from './checkpoint.js';
import { loadOrCreateSigner } from './sign.js';

export interface AppendAuditOptions {
  /** The Coastguard home, which holds the signing key for checkpoints. */
  home: string;
  /** Sign a checkpoint whenever the chain reaches a multiple of this (default 100). */
  checkpointEvery?: number;
  now?: () => Date;
}

/**
 * Appends one entry and returns it once committed: durable, chained after every entry committed before it by
 * this or any other process, never forking and never leaving a gap.
 */
export async function appendAudit(
  store: AuditStore,
  draft: AuditDraft,
  options: AppendAuditOptions,
): Promise<AuditEntry> {
  const [entry] = await appendAuditBatch(store, [draft], options);
  if (entry === undefined) throw new Error('appendAuditBatch returned no entry for one draft');
  return entry;
}

/** Appends several entries, in order, in one transaction: all of them or none, and one disk sync. */
export async function appendAuditBatch(
  store: AuditStore,
  drafts: readonly AuditDraft[],
  options: AppendAuditOptions,
): Promise<AuditEntry[]> {
  const every = options.checkpointEvery ?? DEFAULT_CHECKPOINT_EVERY;
  if (!(Number.isSafeInteger(every) && every > 0)) {
    throw new RangeError(`checkpointEvery must be a positive whole number, not ${every}`);
  }
  const { entries } = await store.audit.append(drafts, {
    ...(options.now === undefined ? {} : { now: options.now }),
    checkpoint: (appended) => {
      const head = appended.at(-1);
      if (head === undefined || !isCheckpointDue(appended, every)) return undefined;
      return signCheckpoint(loadOrCreateSigner(options.home), head, options.now?.());
    },
  });
  return entries;
}
