// Checkpoints: signed statements that the chain up to seq N ends in hash H. Without them, whoever can write the
// database could cut entries off the end, or rewrite the tail and recompute its hashes; with them, anything up
// to the last checkpoint an auditor holds is fixed.
import { type AuditCheckpoint, type AuditEntry, checkpointMessage } from '../core/audit/audit-entry.js';
import type { AuditStore } from '../core/audit/audit-repository.js';
import { type AuditPublicKey, type AuditSigner, loadOrCreateSigner } from './sign.js';

/** How often appends sign a checkpoint by default: a signature costs well under a millisecond. */
export const DEFAULT_CHECKPOINT_EVERY = 100;

export function signCheckpoint(
  signer: AuditSigner,
  head: Pick<AuditEntry, 'seq' | 'hash'>,
  time: Date = new Date(),
): AuditCheckpoint {
  const unsigned = { seq: head.seq, hash: head.hash, time: time.toISOString() };
  return { ...unsigned, keyId: signer.keyId, signature: signer.sign(checkpointMessage(unsigned)) };
}

/** Undefined when the signature holds; otherwise why not, naming both keys when they differ. */
export function checkCheckpointSignature(
  checkpoint: AuditCheckpoint,
  key: AuditPublicKey,
): string | undefined {
  if (key.verify(checkpointMessage(checkpoint), checkpoint.signature)) return undefined;
  return checkpoint.keyId === key.keyId
    ? `the signature of checkpoint ${checkpoint.seq} is invalid (the checkpoint was altered)`
    : `checkpoint ${checkpoint.seq} was signed by key ${checkpoint.keyId}, and its signature does not verify ` +
        `with the public key given (${key.keyId})`;
}

/** Whether entries just appended reached or crossed a multiple of `every`. */
export function isCheckpointDue(appended: readonly Pick<AuditEntry, 'seq'>[], every: number): boolean {
  const first = appended[0];
  const last = appended.at(-1);
  if (first === undefined || last === undefined) return false;
  return Math.floor((first.seq - 1) / every) !== Math.floor(last.seq / every);
}

/** A checkpoint at the current head, on demand (before an export, at shutdown); undefined for an empty trail. */
export function checkpointAudit(
  store: AuditStore,
  options: { home: string },
): Promise<AuditCheckpoint | undefined> {
  return store.audit.checkpointHead((head) => signCheckpoint(loadOrCreateSigner(options.home), head));
}
