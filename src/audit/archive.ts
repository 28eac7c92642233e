// `coastguard audit export` files: JSON lines an auditor verifies on another machine without the database.
// Line 1 is a header; then every entry in seq order, each checkpoint on the line after the entry it signs:
//   {"type":"header","format":"coastguard-audit-export","version":1,"exportedAt":…,"keyId":…,"publicKey":…}
//   {"type":"entry","seq":1,"time":…,"actor":…,"action":…,"subject":…,"data":{…},"prevHash":…,"hash":…}
//   {"type":"checkpoint","seq":100,"hash":…,"time":…,"keyId":…,"signature":…}
import { createReadStream, createWriteStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Writable } from 'node:stream';
import {
  type AuditCheckpoint,
  type AuditEntry,
  CanonicalJsonError,
  canonicalize,
  type StoredAuditEntry,
  toAuditEntry,
} from '../core/audit/audit-entry.js';
import type { AuditStore } from '../core/audit/audit-repository.js';
import { CoastguardError } from '../core/errors.js';
import { type AuditPublicKey, parsePublicKeyPem } from './sign.js';
import { readStoredPages, type TrailVerdict, verifyTrail } from './verify.js';

export const ARCHIVE_FORMAT = 'coastguard-audit-export';
export const ARCHIVE_VERSION = 1;

/** An entry's data is at most 64 KiB canonical; escaping can grow it, and a line holds one entry. */
const MAX_LINE_BYTES = 1024 * 1024;

export interface ArchiveHeader {
  type: 'header';
  format: typeof ARCHIVE_FORMAT;
  version: number;
  exportedAt: string;
  keyId: string;
  publicKey: string;
}

export type ArchiveRecord =
  | { type: 'entry'; entry: StoredAuditEntry }
  | { type: 'checkpoint'; checkpoint: AuditCheckpoint };

/** Writes the whole trail; returns how many entries and checkpoints it wrote. */
export async function writeArchive(
  store: AuditStore,
  out: Writable,
  publicKey: AuditPublicKey,
): Promise<{ entries: number; checkpoints: number }> {
  const checkpoints = await store.audit.listCheckpoints();
  const bySeq = new Map(checkpoints.map((c) => [c.seq, c]));
  const header: ArchiveHeader = {
    type: 'header',
    format: ARCHIVE_FORMAT,
    version: ARCHIVE_VERSION,
    exportedAt: new Date().toISOString(),
    keyId: publicKey.keyId,
    publicKey: publicKey.pem,
  };
  await writeLine(out, JSON.stringify(header));
  let entries = 0;
  let lines: string[] = [];
  for await (const page of readStoredPages(store))
    for (const stored of page) {
      const entry = toAuditEntry(stored);
      if (entry === undefined) {
        throw new CoastguardError(
          'BAD_INPUT',
          `Audit entry ${stored.seq} is damaged (its data is not a JSON object); run coastguard audit verify.`,
        );
      }
      lines.push(JSON.stringify({ type: 'entry', ...entry }));
      const checkpoint = bySeq.get(stored.seq);
      if (checkpoint !== undefined) lines.push(JSON.stringify({ type: 'checkpoint', ...checkpoint }));
      entries += 1;
      if (lines.length >= 1000) {
        await writeLine(out, lines.join('\n'));
        lines = [];
      }
    }
  if (lines.length > 0) await writeLine(out, lines.join('\n'));
  return { entries, checkpoints: checkpoints.filter((c) => c.seq <= entries).length };
}

/**
 * Writes the export to `path` whole or not at all: into a temporary file beside it (owner-only: the trail names
 * hosts and users), synced, then renamed over `path`.
 */
export async function writeArchiveFile(
  store: AuditStore,
  path: string,
  publicKey: AuditPublicKey,
): Promise<{ entries: number; checkpoints: number }> {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  const out = createWriteStream(temporary, { flags: 'wx', mode: 0o600 });
  try {
    const opened = new Promise<void>((resolve, reject) => {
      out.once('open', () => resolve());
      out.once('error', reject);
    });
    await opened;
    const counts = await writeArchive(store, out, publicKey);
    await new Promise<void>((resolve, reject) => {
      out.once('close', resolve);
      out.once('error', reject);
      out.end();
    });
    const handle = await open(temporary, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
    return counts;
  } catch (err) {
    out.destroy();
    await rm(temporary, { force: true });
    if (err instanceof CoastguardError) throw err;
    throw new CoastguardError('BAD_INPUT', `Cannot write the export ${path} (${messageOf(err)}).`, {
      cause: err,
    });
  }
}

function writeLine(out: Writable, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    out.write(`${text}\n`, (err) => (err ? reject(err) : resolve()));
  });
}

/**
 * Verifies an export file. Its signatures are checked against `publicKey` when given (the key an auditor was
 * handed), else against the key the file names, which proves only that the file is consistent with itself.
 * A file that is not a well-formed export is bad input (a CoastguardError naming the file and line).
 */
export async function verifyArchive(
  path: string,
  options: { publicKey?: AuditPublicKey } = {},
): Promise<{ verdict: TrailVerdict; header: ArchiveHeader }> {
  let header: ArchiveHeader | undefined;
  const checkpoints: AuditCheckpoint[] = [];
  // First pass: the header and the checkpoints, which are few; the second streams the entries past them.
  for await (const { text, line } of readLines(path)) {
    if (line === 1) {
      header = parseHeader(text, path);
      continue;
    }
    const record = parseRecord(text, path, line);
    if (record.type === 'checkpoint') checkpoints.push(record.checkpoint);
  }
  if (header === undefined) throw archiveError(path, 1, 'the file is empty, not a Coastguard audit export');
  const publicKey = options.publicKey ?? parsePublicKeyPem(header.publicKey, `The header of ${path}`);
  const verdict = await verifyTrail({ entries: readEntries(path), checkpoints, publicKey });
  return { verdict, header };
}

/** The export's entries in pages of at most 1,000, as verifyTrail walks them. */
async function* readEntries(path: string): AsyncGenerator<StoredAuditEntry[]> {
  let page: StoredAuditEntry[] = [];
  for await (const { text, line } of readLines(path)) {
    if (line === 1) continue;
    const record = parseRecord(text, path, line);
    if (record.type !== 'entry') continue;
    page.push(record.entry);
    if (page.length === 1_000) {
      yield page;
      page = [];
    }
  }
  if (page.length > 0) yield page;
}

/** Lines with their 1-based numbers; a line longer than MAX_LINE_BYTES is refused, never buffered whole. */
async function* readLines(path: string): AsyncGenerator<{ text: string; line: number }> {
  let stream: AsyncIterable<Buffer>;
  try {
    stream = createReadStream(path);
  } catch (err) {
    throw new CoastguardError('BAD_INPUT', `Cannot read the export ${path} (${String(err)}).`, {
      cause: err,
    });
  }
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let line = 0;
  try {
    for await (const chunk of stream) {
      let start = 0;
      for (let newline = chunk.indexOf(10); newline !== -1; newline = chunk.indexOf(10, start)) {
        pending.push(chunk.subarray(start, newline));
        line += 1;
        const text = Buffer.concat(pending).toString('utf8');
        pending = [];
        pendingBytes = 0;
        start = newline + 1;
        if (text.length > MAX_LINE_BYTES) throw archiveError(path, line, 'the line is too long');
        if (text !== '') yield { text, line };
      }
      pending.push(chunk.subarray(start));
      pendingBytes += chunk.length - start;
      if (pendingBytes > MAX_LINE_BYTES) throw archiveError(path, line + 1, 'the line is too long');
    }
  } catch (err) {
    if (err instanceof CoastguardError) throw err;
    throw new CoastguardError('BAD_INPUT', `Cannot read the export ${path} (${messageOf(err)}).`, {
      cause: err,
    });
  }
  const rest = Buffer.concat(pending).toString('utf8');
  if (rest !== '') yield { text: rest, line: line + 1 };
}

function parseJson(text: string, path: string, line: number): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw archiveError(path, line, `not valid JSON (${messageOf(err)})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw archiveError(path, line, 'not a JSON object');
  }
  return value as Record<string, unknown>;
}

function parseHeader(text: string, path: string): ArchiveHeader {
  const value = parseJson(text, path, 1);
  if (value.type !== 'header' || value.format !== ARCHIVE_FORMAT) {
    throw archiveError(
      path,
      1,
      `not a Coastguard audit export (the first line must be its ${ARCHIVE_FORMAT} header)`,
    );
  }
  if (value.version !== ARCHIVE_VERSION) {
    throw archiveError(
      path,
      1,
      `export format version ${String(value.version)} is not one this Coastguard reads (${ARCHIVE_VERSION})`,
    );
  }
  for (const field of ['exportedAt', 'keyId', 'publicKey'] as const) {
    if (typeof value[field] !== 'string') throw archiveError(path, 1, `the header has no ${field}`);
  }
  return value as unknown as ArchiveHeader;
}

function parseRecord(text: string, path: string, line: number): ArchiveRecord {
  const value = parseJson(text, path, line);
  if (value.type === 'entry') {
    const entry = expectFields(value, ENTRY_FIELDS, path, line) as unknown as AuditEntry;
    if (typeof value.data !== 'object' || value.data === null || Array.isArray(value.data)) {
      throw archiveError(path, line, 'the entry data is not a JSON object');
    }
    const { data, ...header } = entry;
    try {
      return { type: 'entry', entry: { ...header, canonicalData: canonicalize(data) } };
    } catch (err) {
      if (!(err instanceof CanonicalJsonError)) throw err;
      throw archiveError(path, line, err.message);
    }
  }
  if (value.type === 'checkpoint') {
    return {
      type: 'checkpoint',
      checkpoint: expectFields(value, CHECKPOINT_FIELDS, path, line) as unknown as AuditCheckpoint,
    };
  }
  throw archiveError(
    path,
    line,
    `unknown record type ${JSON.stringify(value.type)} (expected entry or checkpoint)`,
  );
}

type FieldKind = 'seq' | 'string';

const ENTRY_FIELDS: Record<string, FieldKind> = {
  seq: 'seq',
  time: 'string',
  actor: 'string',
  action: 'string',
  subject: 'string',
  prevHash: 'string',
  hash: 'string',
};

const CHECKPOINT_FIELDS: Record<string, FieldKind> = {
  seq: 'seq',
  hash: 'string',
  time: 'string',
  keyId: 'string',
  signature: 'string',
};

/** Keeps exactly the listed fields (plus data for entries), each of its kind; `type` is dropped. */
function expectFields(
  value: Record<string, unknown>,
  fields: Record<string, FieldKind>,
  path: string,
  line: number,
): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const [field, kind] of Object.entries(fields)) {
    const v = value[field];
    const isValid = kind === 'seq' ? Number.isSafeInteger(v) && (v as number) >= 1 : typeof v === 'string';
    if (!isValid) {
      const expected = kind === 'seq' ? 'a whole number ≥ 1' : 'a string';
      throw archiveError(path, line, `the ${value.type} field ${field} must be ${expected}`);
    }
    picked[field] = v;
  }
  if ('data' in value) picked.data = value.data;
  return picked;
}

function archiveError(path: string, line: number, problem: string): CoastguardError {
  return new CoastguardError('BAD_INPUT', `${path}:${line}: ${problem}.`);
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
