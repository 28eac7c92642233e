// Reads OSV records from the three shapes they travel in: a directory tree of `<id>.json` files, a zip as osv.dev
// publishes per ecosystem (`<ecosystem>/all.zip`), or a URL serving such a zip. Every read is bounded; a record
// that is not valid JSON or not an OSV record is skipped with a diagnostic naming the file (and zip entry). A
// source that cannot be read at all (truncated zip, too many entries) is an error for the whole source.
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { lstat, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import type { Diagnostic } from '../../core/diagnostic.js';
import { CoastguardError } from '../../core/errors.js';
import type { AdvisoryKey, IndexedAdvisory } from '../../core/result/vulnerability.js';
import { normalizePackageName, parseOsvEcosystem } from './osv-ecosystem.js';
import { toAdvisory } from './osv-schema.js';

export interface ImportLimits {
  /** Files in a directory tree, or entries in a zip's central directory. */
  readonly maxEntries: number;
  /** One record, uncompressed. Real OSV records are a few KB; the largest are under 1 MB. */
  readonly maxRecordBytes: number;
  /** All records of one source, uncompressed. */
  readonly maxTotalBytes: number;
  /** A downloaded zip, compressed. */
  readonly maxDownloadBytes: number;
  readonly downloadTimeoutMs: number;
  /** Directory nesting. */
  readonly maxDepth: number;
}

/** Sized for osv.dev's largest per-ecosystem exports (a few hundred thousand records, a few GB uncompressed). */
export const DEFAULT_IMPORT_LIMITS: ImportLimits = {
  maxEntries: 1_000_000,
  maxRecordBytes: 8 * 1024 * 1024,
  maxTotalBytes: 8 * 1024 * 1024 * 1024,
  maxDownloadBytes: 2 * 1024 * 1024 * 1024,
  downloadTimeoutMs: 10 * 60 * 1000,
  maxDepth: 32,
};

/** Records of one source, read lazily; diagnostics for skipped records are pushed as they are met. */
export type OsvRecords = AsyncIterable<IndexedAdvisory>;

/**
 * Turns one file's bytes into an indexed advisory, or a diagnostic. `where` names the file, and the entry inside
 * a zip, for the diagnostic.
 */
export function parseOsvRecord(bytes: Buffer, where: string): IndexedAdvisory | Diagnostic {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch (err) {
    return skipped('osv-invalid-json', where, `not valid JSON (${(err as Error).message})`);
  }
  const result = toAdvisory(value);
  if ('error' in result) return skipped('osv-invalid-record', where, `not an OSV record: ${result.error}`);
  return { advisory: result.advisory, keys: keysOf(result.advisory.affected) };
}

export function isDiagnostic(value: IndexedAdvisory | Diagnostic): value is Diagnostic {
  return 'code' in value;
}

function keysOf(affected: IndexedAdvisory['advisory']['affected']): AdvisoryKey[] {
  const keys = new Map<string, AdvisoryKey>();
  for (const entry of affected) {
    const parsed = parseOsvEcosystem(entry.package.ecosystem);
    if (parsed === undefined) continue;
    const name = normalizePackageName(parsed.ecosystem, entry.package.name);
    keys.set(`${parsed.ecosystem}\u0000${name}`, { ecosystem: parsed.ecosystem, name });
  }
  return [...keys.values()];
}

function skipped(code: string, where: string, message: string): Diagnostic {
  return { code, severity: 'warning', message: `${where}: ${message}; skipped` };
}

function badSource(message: string, cause?: unknown): CoastguardError {
  return new CoastguardError('BAD_INPUT', `${message} Nothing was imported from it.`, { cause });
}

/** Every `*.json` file under `root`, recursively. Symbolic links are not followed, so a tree cannot loop. */
export async function* readOsvDirectory(
  root: string,
  diagnostics: Diagnostic[],
  limits: ImportLimits = DEFAULT_IMPORT_LIMITS,
): OsvRecords {
  let entries = 0;
  let total = 0;
  async function* walk(dir: string, depth: number): AsyncGenerator<string> {
    if (depth > limits.maxDepth)
      throw badSource(`${dir} is nested more than ${limits.maxDepth} levels deep.`);
    const children = await readdir(dir, { withFileTypes: true }).catch((err: unknown) => {
      throw badSource(`Cannot read the directory ${dir} (${(err as Error).message}).`, err);
    });
    children.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const child of children) {
      entries += 1;
      if (entries > limits.maxEntries) {
        throw badSource(`${root} holds more than ${limits.maxEntries} files.`);
      }
      const path = join(dir, child.name);
      if (child.isDirectory()) yield* walk(path, depth + 1);
      else if (child.isFile() && child.name.endsWith('.json')) yield path;
    }
  }
  for await (const path of walk(root, 0)) {
    const where = relative(root, path) || path;
    const size = (await lstat(path)).size;
    if (size > limits.maxRecordBytes) {
      diagnostics.push(
        skipped('osv-record-too-large', where, `${size} bytes, over ${limits.maxRecordBytes}`),
      );
      continue;
    }
    total += size;
    if (total > limits.maxTotalBytes)
      throw badSource(`${root} holds more than ${limits.maxTotalBytes} bytes.`);
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (err) {
      diagnostics.push(skipped('osv-unreadable', where, (err as Error).message));
      continue;
    }
    const record = parseOsvRecord(bytes, where);
    if (isDiagnostic(record)) diagnostics.push(record);
    else yield record;
  }
}

/**
 * Every `*.json` entry of a zip, read in memory (entries are never written to disk, so entry names cannot
 * escape anywhere). yauzl reads the central directory first: a truncated archive fails before any record, and
 * each entry's inflated size is checked against what the directory declares.
 */
export async function* readOsvZip(
  path: string,
  diagnostics: Diagnostic[],
  limits: ImportLimits = DEFAULT_IMPORT_LIMITS,
  label: string = path,
): OsvRecords {
  const zip = await openZip(path, label);
  try {
    if (zip.entryCount > limits.maxEntries) {
      throw badSource(
        `${label} lists ${zip.entryCount} entries, more than the limit of ${limits.maxEntries}.`,
      );
    }
    let total = 0;
    for (;;) {
      const entry = await nextEntry(zip, label);
      if (entry === undefined) return;
      const name = entryName(entry);
      const where = `${label}!${name}`;
      if (name.endsWith('/') || !name.endsWith('.json')) continue;
      if (entry.uncompressedSize > limits.maxRecordBytes) {
        diagnostics.push(
          skipped(
            'osv-record-too-large',
            where,
            `declares ${entry.uncompressedSize} bytes uncompressed, over ${limits.maxRecordBytes}`,
          ),
        );
        continue;
      }
      if (total + entry.uncompressedSize > limits.maxTotalBytes) {
        throw badSource(`${label} holds more than ${limits.maxTotalBytes} bytes uncompressed.`);
      }
      let bytes: Buffer;
      try {
        bytes = await readEntry(zip, entry, limits.maxRecordBytes);
      } catch (err) {
        diagnostics.push(skipped('osv-entry-unreadable', where, (err as Error).message));
        continue;
      }
      total += bytes.length;
      const record = parseOsvRecord(bytes, where);
      if (isDiagnostic(record)) diagnostics.push(record);
      else yield record;
    }
  } finally {
    zip.close();
  }
}

function openZip(path: string, label: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(
      path,
      { lazyEntries: true, autoClose: false, validateEntrySizes: true, decodeStrings: false },
      (err, zip) => {
        if (err || zip === undefined)
          reject(badSource(`${label} is not a readable zip archive (${err?.message}).`, err));
        else resolve(zip);
      },
    );
  });
}

/**
 * Names are read raw (yauzl's `decodeStrings: false`): yauzl would otherwise reject the whole archive for one
 * name such as `../x.json`, which is harmless here because no entry is ever written to disk.
 */
function entryName(entry: yauzl.Entry): string {
  const raw = entry.fileName as unknown as Buffer | string;
  return typeof raw === 'string' ? raw : raw.toString('utf8');
}

function nextEntry(zip: yauzl.ZipFile, label: string): Promise<yauzl.Entry | undefined> {
  return new Promise((resolve, reject) => {
    const onEntry = (entry: yauzl.Entry) => settle(() => resolve(entry));
    const onEnd = () => settle(() => resolve(undefined));
    const onError = (err: Error) =>
      settle(() => reject(badSource(`${label} is damaged (${err.message}).`, err)));
    function settle(then: () => void): void {
      zip.off('entry', onEntry);
      zip.off('end', onEnd);
      zip.off('error', onError);
      then();
    }
    zip.on('entry', onEntry);
    zip.on('end', onEnd);
    zip.on('error', onError);
    zip.readEntry();
  });
}

/** Inflates one entry into memory, stopping as soon as it passes `maxBytes` whatever its header claims. */
function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err || stream === undefined) {
        reject(err ?? new Error('no stream'));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) {
          stream.destroy(new Error(`inflates to more than ${maxBytes} bytes`));
          return;
        }
        chunks.push(chunk);
      });
      stream.on('error', reject);
      stream.on('end', () => resolve(Buffer.concat(chunks)));
    });
  });
}

/**
 * Downloads a zip into a private temporary directory (mode 0700), bounded in size and time, and reads it; the
 * directory is removed whatever happens. Plain HTTP is accepted only for loopback addresses (tests, a local
 * mirror); anything else must be HTTPS.
 */
export async function* readOsvUrl(
  url: URL,
  diagnostics: Diagnostic[],
  limits: ImportLimits = DEFAULT_IMPORT_LIMITS,
): OsvRecords {
  const label = displayUrl(url);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url.hostname))) {
    throw badSource(`${label}: only https URLs (or http on a loopback address) can serve a database.`);
  }
  const dir = await mkdtemp(join(tmpdir(), 'coastguard-osv-'));
  try {
    const file = join(dir, `${randomUUID()}.zip`);
    await download(url, file, label, limits);
    yield* readOsvZip(file, diagnostics, limits, label);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function download(url: URL, file: string, label: string, limits: ImportLimits): Promise<void> {
  // Credentials in the URL become a Basic Authorization header (fetch refuses them inside the URL).
  const request = new URL(url);
  const headers: Record<string, string> = {};
  if (request.username !== '' || request.password !== '') {
    const user = `${decodeURIComponent(request.username)}:${decodeURIComponent(request.password)}`;
    headers.authorization = `Basic ${Buffer.from(user).toString('base64')}`;
    request.username = '';
    request.password = '';
  }
  let response: Response;
  try {
    response = await fetch(request, {
      headers,
      redirect: 'follow',
      signal: AbortSignal.timeout(limits.downloadTimeoutMs),
    });
  } catch (err) {
    throw badSource(`Cannot download ${label} (${(err as Error).message}).`, err);
  }
  if (!response.ok || response.body === null) {
    await response.body?.cancel();
    throw badSource(
      `Cannot download ${label}: the server answered ${response.status} ${response.statusText}.`,
    );
  }
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > limits.maxDownloadBytes) {
    await response.body.cancel();
    throw badSource(`${label} is ${declared} bytes, over the download limit of ${limits.maxDownloadBytes}.`);
  }
  let size = 0;
  const bound = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size > limits.maxDownloadBytes) done(new Error(`more than ${limits.maxDownloadBytes} bytes`));
      else done(null, chunk);
    },
  });
  try {
    await pipeline(
      Readable.fromWeb(response.body as import('node:stream/web').ReadableStream<Uint8Array>),
      bound,
      createWriteStream(file, { mode: 0o600 }),
    );
  } catch (err) {
    throw badSource(`Cannot download ${label} (${(err as Error).message}).`, err);
  }
}

/** A URL as it may be shown and stored: credentials, query and fragment can hold secrets (signed URLs). */
export function displayUrl(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}`;
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}
