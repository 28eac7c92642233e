// Verifying a trail: the hash chain entry by entry, and every checkpoint (its signature, and that it matches the
// entry it names). The first failure by seq is the verdict. Works on the store or on an export file alike.
import type { AuditCheckpoint, StoredAuditEntry } from '../core/audit/audit-entry.js';
import type { AuditStore } from '../core/audit/audit-repository.js';
import { type ChainBreak, createChainVerifier } from './chain.js';
import { checkCheckpointSignature } from './checkpoint.js';
import type { AuditPublicKey } from './sign.js';

export type TrailVerdict = TrailVerified | ChainBreak;

export interface TrailVerified {
  ok: true;
  /** Entries verified; 0 for an empty trail. */
  entries: number;
  firstSeq?: number;
  lastSeq?: number;
  /** Checkpoints whose signature and hash were checked. */
  checkpoints: number;
}

export interface TrailInput {
  /** Pages of entries in seq order (as stored, or as the export lists them): pages keep the walk cheap. */
  entries: AsyncIterable<readonly StoredAuditEntry[]> | Iterable<readonly StoredAuditEntry[]>;
  checkpoints: readonly AuditCheckpoint[];
  /** Required when there are checkpoints to check. */
  publicKey?: AuditPublicKey;
  /** Verify from this seq on (default 1); checkpoints before it are skipped. */
  from?: number;
}

export async function verifyTrail(input: TrailInput): Promise<TrailVerdict> {
  const from = input.from ?? 1;
  const pending = input.checkpoints.filter((c) => c.seq >= from).sort((a, b) => a.seq - b.seq);
  const failures: ChainBreak[] = [];
  for (const checkpoint of pending) {
    const problem =
      input.publicKey === undefined
        ? 'no public key was given to check its signature'
        : checkCheckpointSignature(checkpoint, input.publicKey);
    if (problem !== undefined) failures.push({ ok: false, seq: checkpoint.seq, reason: problem });
  }
  const bySeq = new Map(pending.map((c) => [c.seq, c]));
  const verifier = createChainVerifier({ from });
  // The earliest checkpoint failure: the walk can stop as soon as it reaches it.
  let verdict: ChainBreak | undefined = failures[0];
  walk: for await (const page of input.entries) {
    for (const entry of page) {
      if (verdict !== undefined && entry.seq >= verdict.seq) break walk;
      const broken = verifier.push(entry);
      if (broken !== undefined) {
        verdict = verdict === undefined || broken.seq <= verdict.seq ? broken : verdict;
        break walk;
      }
      const checkpoint = bySeq.get(entry.seq);
      if (checkpoint !== undefined && checkpoint.hash !== entry.hash) {
        verdict = {
          ok: false,
          seq: entry.seq,
          reason: `entry ${entry.seq} does not match its signed checkpoint (the chain was rewritten from here or before)`,
        };
        break walk;
      }
    }
  }
  if (verdict !== undefined) return verdict;

  const lastSeq = verifier.last?.seq;
  const beyond = pending.find((c) => c.seq > (lastSeq ?? from - 1));
  if (beyond !== undefined) {
    const missing = (lastSeq ?? from - 1) + 1;
    return {
      ok: false,
      seq: missing,
      reason: `entries ${missing} to ${beyond.seq} are missing: checkpoint ${beyond.seq} signed them (the trail was cut short)`,
    };
  }
  return {
    ok: true,
    entries: verifier.count,
    ...(lastSeq === undefined ? {} : { firstSeq: from, lastSeq }),
    checkpoints: pending.length,
  };
}

/** Pages through the store's trail, so memory stays flat however long it is. */
export async function* readStoredPages(
  store: AuditStore,
  options: { from?: number; pageSize?: number } = {},
): AsyncGenerator<StoredAuditEntry[]> {
  const pageSize = options.pageSize ?? 10_000;
  let afterSeq = (options.from ?? 1) - 1;
  for (;;) {
    const page = await store.audit.page(afterSeq, pageSize);
    if (page.length > 0) yield page;
    const last = page.at(-1);
    if (last === undefined || page.length < pageSize) return;
    afterSeq = last.seq;
  }
}

export async function verifyStore(
  store: AuditStore,
  options: { from?: number; publicKey?: AuditPublicKey } = {},
): Promise<TrailVerdict> {
  const from = options.from ?? 1;
  return verifyTrail({
    entries: readStoredPages(store, { from }),
    checkpoints: await store.audit.listCheckpoints({ fromSeq: from }),
    ...(options.publicKey === undefined ? {} : { publicKey: options.publicKey }),
    from,
  });
}
