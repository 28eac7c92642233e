// The audit trail's entry and its canonical bytes: what every writer hashes and every verifier recomputes.
// The serialization is specified in docs/audit-trail.md; changing it breaks every existing chain.
import * as crypto from 'node:crypto';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** What a writer supplies; the trail adds seq, time and the links. */
export interface AuditDraft {
  /** Who did it: a user (`alice@host-1`), a process (`agent`), an API client. */
  actor: string;
  /** Dotted verb: `assessment.recorded`, `finding.opened`, `waiver.created`. */
  action: string;
  /** What it was done to, as `kind:id` (`host:4f2a…`, `finding:9c1e…`). */
  subject: string;
  /** Details as a JSON object: never secrets (environment values, tokens). */
  data: JsonObject;
}

export interface AuditEntry extends AuditDraft {
  /** 1, 2, 3… without gaps: a missing number is a removed entry. */
  seq: number;
  /** When it was appended, ISO-8601 UTC with milliseconds (Date#toISOString). */
  time: string;
  /** `hash` of entry seq−1; GENESIS_HASH for seq 1. */
  prevHash: string;
  /** Lower-case hex SHA-256 of canonicalEntry(entry without hash). */
  hash: string;
}

export type UnsealedEntry = Omit<AuditEntry, 'hash'>;

/** A signed statement that the chain up to `seq` ends in `hash` (Ed25519 over checkpointMessage). */
export interface AuditCheckpoint {
  seq: number;
  hash: string;
  time: string;
  /** Fingerprint of the signing public key (`sha256:` + hex of its SPKI DER), so a wrong key is named. */
  keyId: string;
  /** Base64 Ed25519 signature. */
  signature: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/** Canonical data larger than this is refused: the trail records facts, not documents. */
export const MAX_DATA_BYTES = 64 * 1024;

export class CanonicalJsonError extends Error {
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(`${message} at ${path}`);
    this.name = 'CanonicalJsonError';
  }
}

/**
 * Canonical JSON (the rules of RFC 8785 for the values JSON.parse can produce): object keys sorted by UTF-16 code
 * units, no whitespace, strings escaped as JSON.stringify does, numbers in ECMAScript's shortest round-trip form
 * (so -0 is `0`). Refuses what has no JSON form (undefined, functions, NaN, Infinity, bigint, cycles) rather
 * than dropping it, which would make two different values hash alike.
 */
export function canonicalize(value: unknown): string {
  return canonicalizeAt(value, '$', new Set());
}

function canonicalizeAt(value: unknown, path: string, ancestors: Set<object>): string {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError(`${value} has no JSON form`, path);
      return JSON.stringify(value);
    case 'object': {
      if (value === null) return 'null';
      if (ancestors.has(value)) throw new CanonicalJsonError('a cycle has no JSON form', path);
      ancestors.add(value);
      let text: string;
      if (Array.isArray(value)) {
        text = `[${value.map((item, i) => canonicalizeAt(item, `${path}[${i}]`, ancestors)).join(',')}]`;
      } else {
        const prototype = Object.getPrototypeOf(value);
        if (prototype !== Object.prototype && prototype !== null) {
          throw new CanonicalJsonError('only plain objects have a canonical form', path);
        }
        const record = value as Record<string, unknown>;
        const members = Object.keys(record)
          .sort()
          .map((key) => `${JSON.stringify(key)}:${canonicalizeAt(record[key], `${path}.${key}`, ancestors)}`);
        text = `{${members.join(',')}}`;
      }
      ancestors.delete(value);
      return text;
    }
    default:
      throw new CanonicalJsonError(`a ${typeof value} has no JSON form`, path);
  }
}

/** An entry's fields other than data and hash: with the canonical data text, all its hash covers. */
export type EntryHeader = Omit<AuditEntry, 'data' | 'hash'>;

/**
 * The bytes an entry's hash covers: the canonical JSON object of every field but `hash`. Written out by hand in
 * key order (action, actor, data, prevHash, seq, subject, time), which is exactly what canonicalize produces, so
 * a verifier holding the stored canonical data text need not parse and re-serialize it.
 */
export function canonicalEntry(header: EntryHeader, canonicalData: string): string {
  return (
    `{"action":${JSON.stringify(header.action)},"actor":${JSON.stringify(header.actor)},"data":${canonicalData},` +
    `"prevHash":${JSON.stringify(header.prevHash)},"seq":${JSON.stringify(header.seq)},` +
    `"subject":${JSON.stringify(header.subject)},"time":${JSON.stringify(header.time)}}`
  );
}

/** SHA-256 (lower-case hex) of the UTF-8 bytes of the canonical entry. */
export function hashCanonical(header: EntryHeader, canonicalData: string): string {
  return sha256Hex(canonicalEntry(header, canonicalData));
}

/** crypto.hash (Node ≥ 20.12) is one call and twice as fast on short inputs; older Node 20 falls back. */
const sha256Hex: (text: string) => string =
  typeof crypto.hash === 'function'
    ? (text) => crypto.hash('sha256', text, 'hex')
    : (text) => crypto.createHash('sha256').update(text, 'utf8').digest('hex');

export function hashEntry(entry: UnsealedEntry): string {
  return hashCanonical(entry, canonicalize(entry.data));
}

/** The next entry after `previous` (undefined: this is the first). */
export function sealEntry(
  previous: Pick<AuditEntry, 'seq' | 'hash'> | undefined,
  draft: AuditDraft,
  time: string,
  canonicalData = canonicalize(draft.data),
): AuditEntry {
  const unsealed: UnsealedEntry = {
    seq: (previous?.seq ?? 0) + 1,
    time,
    actor: draft.actor,
    action: draft.action,
    subject: draft.subject,
    data: draft.data,
    prevHash: previous?.hash ?? GENESIS_HASH,
  };
  return { ...unsealed, hash: hashCanonical(unsealed, canonicalData) };
}

/** The bytes a checkpoint's signature covers: canonical JSON of {hash, seq, time}. */
export function checkpointMessage(checkpoint: Pick<AuditCheckpoint, 'seq' | 'hash' | 'time'>): string {
  return canonicalize({ hash: checkpoint.hash, seq: checkpoint.seq, time: checkpoint.time });
}

/**
 * Checks a draft before it is sealed, returning the canonical data so it is serialized once. Throws a message a
 * caller can put in front of the user (the trail is written by Coastguard's own code, so this is a bug guard).
 */
export function validateDraft(draft: AuditDraft): string {
  for (const field of ['actor', 'action', 'subject'] as const) {
    const value = draft[field];
    if (typeof value !== 'string' || value === '' || value.length > 512) {
      throw new CanonicalJsonError(`the ${field} must be a string of 1 to 512 characters`, `$.${field}`);
    }
  }
  if (typeof draft.data !== 'object' || draft.data === null || Array.isArray(draft.data)) {
    throw new CanonicalJsonError('the data must be a JSON object', '$.data');
  }
  const canonicalData = canonicalize(draft.data);
  if (Buffer.byteLength(canonicalData, 'utf8') > MAX_DATA_BYTES) {
    throw new CanonicalJsonError(`the data exceeds ${MAX_DATA_BYTES} bytes`, '$.data');
  }
  return canonicalData;
}

/** An entry as the store keeps it: the data as its canonical JSON text, exactly the bytes that were hashed. */
export interface StoredAuditEntry extends EntryHeader {
  hash: string;
  canonicalData: string;
}

/** Undefined when the stored data is not a JSON object (a damaged or tampered row: verify names it). */
export function toAuditEntry(stored: StoredAuditEntry): AuditEntry | undefined {
  let data: unknown;
  try {
    data = JSON.parse(stored.canonicalData);
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  const { canonicalData: _text, ...header } = stored;
  return { ...header, data: data as JsonObject };
}
