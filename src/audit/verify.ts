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

/** One seq range of the trail verified on its own, with what is needed to join it to its neighbours. */
export interface RangeVerdict {
  from: number;
  /** Entries verified. */
  count: number;
  /** The prevHash of entry `from`: it must be the hash the range before ends with. */
  firstPrevHash?: string;
  /** The last entry that verified. */
  last?: { seq: number; hash: string };
  /** The first break inside the range. */
  broken?: ChainBreak;
}

export interface RangeOptions {
  from: number;
  /** Last seq of the range (inclusive); default the end of the trail. Entries beyond it are not read. */
  to?: number;
  /** Hashes the signed checkpoints give for seqs in the range. */
  checkpointHashes: ReadonlyMap<number, string>;
  /** Stop before this seq: an earlier failure is already known there. */
  stopAt?: number;
}

/**
 * Verifies the entries from `from` to `to`: seqs without gaps, each entry's hash, each prevHash against the entry
 * before it (the first one's is taken as given and returned, to be joined), and each checkpoint's hash. Ranges of
 * one trail can be verified in parallel and joined with joinRanges.
 */
export async function verifyRange(
  pages: AsyncIterable<readonly StoredAuditEntry[]> | Iterable<readonly StoredAuditEntry[]>,
  options: RangeOptions,
): Promise<RangeVerdict> {
  const verifier = createChainVerifier({ from: options.from });
  const to = options.to ?? Number.POSITIVE_INFINITY;
  const stopAt = options.stopAt ?? Number.POSITIVE_INFINITY;
  let firstPrevHash: string | undefined;
  let broken: ChainBreak | undefined;
  walk: for await (const page of pages) {
    for (const entry of page) {
      if (entry.seq > to || entry.seq >= stopAt) break walk;
      firstPrevHash ??= entry.prevHash;
      broken = verifier.push(entry);
      if (broken !== undefined) break walk;
      const signed = options.checkpointHashes.get(entry.seq);
      if (signed !== undefined && signed !== entry.hash) {
        broken = {
          ok: false,
          seq: entry.seq,
          reason: `entry ${entry.seq} does not match its signed checkpoint (the chain was rewritten from here or before)`,
        };
        break walk;
      }
    }
  }
  const last = verifier.last;
  if (
    broken === undefined &&
    options.to !== undefined &&
    (last?.seq ?? options.from - 1) < Math.min(to, stopAt - 1)
  ) {
    const missing = (last?.seq ?? options.from - 1) + 1;
    broken = { ok: false, seq: missing, reason: `entry ${missing} is missing (the trail ends before ${to})` };
  }
  return {
    from: options.from,
    count: verifier.count,
    ...(firstPrevHash === undefined ? {} : { firstPrevHash }),
    ...(last === undefined ? {} : { last: { seq: last.seq, hash: last.hash } }),
    ...(broken === undefined ? {} : { broken }),
  };
}

/** Checkpoints from `from` on, in seq order, and the failures of their signatures. */
export function checkCheckpoints(
  checkpoints: readonly AuditCheckpoint[],
  publicKey: AuditPublicKey | undefined,
  from: number,
): { pending: AuditCheckpoint[]; failures: ChainBreak[]; hashes: Map<number, string> } {
  const pending = checkpoints.filter((c) => c.seq >= from).sort((a, b) => a.seq - b.seq);
  const failures: ChainBreak[] = [];
  for (const checkpoint of pending) {
    const problem =
      publicKey === undefined
        ? 'no public key was given to check its signature'
        : checkCheckpointSignature(checkpoint, publicKey);
    if (problem !== undefined) failures.push({ ok: false, seq: checkpoint.seq, reason: problem });
  }
  return { pending, failures, hashes: new Map(pending.map((c) => [c.seq, c.hash])) };
}

/**
 * The verdict over consecutive ranges (in seq order): the earliest of any break inside a range, a range whose first
 * prevHash is not the hash its predecessor ends with, a checkpoint signature failure, or a checkpoint beyond the
 * last entry (the trail was cut short).
 */
export function joinRanges(
  ranges: readonly RangeVerdict[],
  checkpoints: { pending: readonly AuditCheckpoint[]; failures: readonly ChainBreak[] },
  from: number,
): TrailVerdict {
  const breaks: ChainBreak[] = [...checkpoints.failures];
  ranges.forEach((range, i) => {
    if (range.broken !== undefined) breaks.push(range.broken);
    const before = ranges[i - 1];
    if (
      before?.last !== undefined &&
      range.firstPrevHash !== undefined &&
      range.firstPrevHash !== before.last.hash
    ) {
      breaks.push({
        ok: false,
        seq: range.from,
        reason: `its prevHash does not match the hash of entry ${range.from - 1} (an entry before it was altered, replaced or removed)`,
      });
    }
  });
  const earliest = breaks.sort((a, b) => a.seq - b.seq)[0];
  if (earliest !== undefined) return earliest;
  const lastSeq = ranges.findLast((r) => r.last !== undefined)?.last?.seq;
  const beyond = checkpoints.pending.find((c) => c.seq > (lastSeq ?? from - 1));
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
    entries: ranges.reduce((sum, r) => sum + r.count, 0),
    ...(lastSeq === undefined ? {} : { firstSeq: from, lastSeq }),
    checkpoints: checkpoints.pending.length,
  };
}

export async function verifyTrail(input: TrailInput): Promise<TrailVerdict> {
  const from = input.from ?? 1;
  const checkpoints = checkCheckpoints(input.checkpoints, input.publicKey, from);
  // The earliest checkpoint failure: the walk can stop as soon as it reaches it.
  const stopAt = checkpoints.failures[0]?.seq;
  const range = await verifyRange(input.entries, {
    from,
    checkpointHashes: checkpoints.hashes,
    ...(stopAt === undefined ? {} : { stopAt }),
  });
  return joinRanges([range], checkpoints, from);
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
