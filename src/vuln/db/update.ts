// `coastguard db update` and `db status`, minus the printing: import one source into the advisory store, and
// tell how old what is stored is.
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Diagnostic } from '../../core/diagnostic.js';
import { CoastguardError } from '../../core/errors.js';
import type {
  AdvisorySourceInfo,
  AdvisorySourceStatus,
  IndexedAdvisory,
} from '../../core/result/vulnerability.js';
import type { AdvisoryStoreWriter } from './advisory-source.js';
import {
  DEFAULT_IMPORT_LIMITS,
  displayUrl,
  type ImportLimits,
  type OsvRecords,
  readOsvDirectory,
  readOsvUrl,
  readOsvZip,
} from './osv-import.js';

export interface UpdateReport {
  readonly source: AdvisorySourceInfo;
  readonly recordCount: number;
  /** One per skipped record (invalid JSON, not an OSV record, too large, unreadable). */
  readonly diagnostics: readonly Diagnostic[];
}

/** Databases older than this many days draw a warning, unless the user says otherwise. */
export const DEFAULT_MAX_AGE_DAYS = 7;

/**
 * Imports a directory, a zip file or an http(s) URL of a zip. Replaces what was stored from the same source,
 * all or nothing: a source that cannot be read, or holds no valid record, leaves the store as it was.
 */
export async function updateAdvisoryDatabase(
  spec: string,
  store: AdvisoryStoreWriter,
  options: { limits?: ImportLimits; now?: () => Date } = {},
): Promise<UpdateReport> {
  const limits = options.limits ?? DEFAULT_IMPORT_LIMITS;
  const diagnostics: Diagnostic[] = [];
  const { source, records } = await openSource(spec, diagnostics, limits);
  const importedAt = (options.now?.() ?? new Date()).toISOString();
  const recordCount = await store.replaceSource(source, requireSome(records, source.id), importedAt);
  return { source, recordCount, diagnostics };
}

async function openSource(
  spec: string,
  diagnostics: Diagnostic[],
  limits: ImportLimits,
): Promise<{ source: AdvisorySourceInfo; records: OsvRecords }> {
  if (/^https?:\/\//i.test(spec)) {
    let url: URL;
    try {
      url = new URL(spec);
    } catch (err) {
      throw new CoastguardError('BAD_USAGE', `--source ${spec} is not a valid URL.`, { cause: err });
    }
    return { source: { id: displayUrl(url), kind: 'url' }, records: readOsvUrl(url, diagnostics, limits) };
  }
  const path = resolve(spec);
  const info = await stat(path).catch((err: unknown) => {
    throw new CoastguardError(
      'BAD_INPUT',
      `Cannot read the database source ${path} (${(err as Error).message}); give a directory of OSV records, ` +
        'a zip of them, or an http(s) URL of a zip.',
      { cause: err },
    );
  });
  if (info.isDirectory()) {
    return { source: { id: path, kind: 'directory' }, records: readOsvDirectory(path, diagnostics, limits) };
  }
  return { source: { id: path, kind: 'zip' }, records: readOsvZip(path, diagnostics, limits) };
}

/** Throws at the end of an empty source, inside the store's transaction, so an empty import replaces nothing. */
async function* requireSome(records: OsvRecords, id: string): AsyncGenerator<IndexedAdvisory> {
  let count = 0;
  for await (const record of records) {
    count += 1;
    yield record;
  }
  if (count === 0) {
    throw new CoastguardError(
      'BAD_INPUT',
      `${id} holds no valid OSV record; the database was left unchanged.`,
    );
  }
}

export interface SourceAge extends AdvisorySourceStatus {
  readonly ageDays: number;
  readonly isStale: boolean;
}

export interface DatabaseStatus {
  readonly sources: readonly SourceAge[];
  readonly recordCount: number;
  /** Empty, or any source older than the limit. */
  readonly isStale: boolean;
  readonly warnings: readonly string[];
}

/** Age is counted from the import; a scan warns on any of these warnings. */
export function describeDatabaseStatus(
  sources: readonly AdvisorySourceStatus[],
  options: { now?: Date; maxAgeDays?: number } = {},
): DatabaseStatus {
  const now = options.now ?? new Date();
  const maxAgeDays = options.maxAgeDays ?? DEFAULT_MAX_AGE_DAYS;
  const aged = sources.map((source) => {
    const ageDays = (now.getTime() - Date.parse(source.importedAt)) / 86_400_000;
    return { ...source, ageDays, isStale: ageDays > maxAgeDays };
  });
  const warnings =
    aged.length === 0
      ? ['The vulnerability database is empty: run `coastguard db update --source PATH|URL`.']
      : aged
          .filter((s) => s.isStale)
          .map(
            (s) =>
              `The advisories from ${s.id} are ${Math.floor(s.ageDays)} days old (limit ${maxAgeDays}): ` +
              'run `coastguard db update` with a fresh copy.',
          );
  return {
    sources: aged,
    recordCount: aged.reduce((sum, s) => sum + s.recordCount, 0),
    isStale: warnings.length > 0,
    warnings,
  };
}
