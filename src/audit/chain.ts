// The hash chain, verified: pure functions over entries in seq order, naming the first entry where the chain
// breaks (altered, removed, inserted or reordered).
//
// Canonical serialization (also in docs/audit-trail.md; src/core/audit/audit-entry.ts implements it):
// - An entry is {seq, time, actor, action, subject, data, prevHash, hash}. seq counts 1, 2, 3… without gaps;
//   time is ISO-8601 UTC with milliseconds (`2024-05-01T12:00:00.000Z`); data is a JSON object.
// - Its canonical form is the JSON object of every field but `hash`, with keys sorted by UTF-16 code units at
//   every depth (action, actor, data, prevHash, seq, subject, time), no whitespace, strings escaped as
//   JSON.stringify escapes them, numbers as JSON numbers in ECMAScript's shortest round-trip form (RFC 8785).
// - hash = lower-case hex SHA-256 of the UTF-8 bytes of that canonical form.
// - prevHash = the hash of entry seq−1; for seq 1, 64 zeros.
// - A checkpoint signs (Ed25519) the canonical JSON of {hash, seq, time}: "the chain up to seq ends in hash".
import {
  type AuditEntry,
  CanonicalJsonError,
  canonicalize,
  GENESIS_HASH,
  hashCanonical,
  type StoredAuditEntry,
} from '../core/audit/audit-entry.js';

export type ChainVerdict = { ok: true } | ChainBreak;

export interface ChainBreak {
  ok: false;
  /** The first entry that does not verify (for a removed entry: the seq that is missing). */
  seq: number;
  reason: string;
}

export interface ChainOptions {
  /**
   * The seq the entries start at (default 1). Above 1, the first entry's prevHash is taken as given: only the
   * chain from there on is checked.
   */
  from?: number;
}

/** Verifies entries pushed one at a time, so a trail of any length streams through in constant memory. */
export interface ChainVerifier {
  /** The break this entry reveals, if any; after a break, the verifier should not be fed further. */
  push(entry: StoredAuditEntry): ChainBreak | undefined;
  /** How many entries verified so far. */
  readonly count: number;
  /** The last entry that verified. */
  readonly last: Pick<AuditEntry, 'seq' | 'hash'> | undefined;
}

export function createChainVerifier(options: ChainOptions = {}): ChainVerifier {
  const from = options.from ?? 1;
  let last: Pick<AuditEntry, 'seq' | 'hash'> | undefined;
  let count = 0;
  return {
    push(entry) {
      const expected = (last?.seq ?? from - 1) + 1;
      if (entry.seq !== expected) {
        const found = Number.isSafeInteger(entry.seq) ? `entry ${entry.seq}` : `seq ${String(entry.seq)}`;
        return brokenAt(
          expected,
          entry.seq > expected
            ? `entry ${expected} is missing or out of place (entry ${entry.seq} comes next)`
            : `expected entry ${expected} but found ${found} (inserted or reordered)`,
        );
      }
      const expectedPrev = last?.hash ?? (from === 1 ? GENESIS_HASH : entry.prevHash);
      if (hashCanonical(entry, entry.canonicalData) !== entry.hash) {
        return brokenAt(entry.seq, 'its hash does not match its contents (the entry was altered)');
      }
      if (entry.prevHash !== expectedPrev) {
        return brokenAt(
          entry.seq,
          entry.seq === 1
            ? 'the first entry does not start the chain (prevHash is not 64 zeros)'
            : `its prevHash does not match the hash of entry ${entry.seq - 1} (an entry before it was altered, ` +
                'replaced or removed)',
        );
      }
      last = { seq: entry.seq, hash: entry.hash };
      count += 1;
      return undefined;
    },
    get count() {
      return count;
    },
    get last() {
      return last;
    },
  };
}

/** Entries in the order given (which must be seq order). */
export function verifyChain(entries: Iterable<AuditEntry>, options: ChainOptions = {}): ChainVerdict {
  const verifier = createChainVerifier(options);
  for (const entry of entries) {
    const stored = toStored(entry);
    const broken = 'ok' in stored ? stored : verifier.push(stored);
    if (broken !== undefined) return broken;
  }
  return { ok: true };
}

/** The stored form, or the break an entry whose data has no canonical form is. */
export function toStored(entry: AuditEntry): StoredAuditEntry | ChainBreak {
  try {
    const { data, ...header } = entry;
    return { ...header, canonicalData: canonicalize(data) };
  } catch (err) {
    if (!(err instanceof CanonicalJsonError)) throw err;
    return brokenAt(entry.seq, `its data has no canonical JSON form (${err.message})`);
  }
}

function brokenAt(seq: number, reason: string): ChainBreak {
  return { ok: false, seq, reason };
}
