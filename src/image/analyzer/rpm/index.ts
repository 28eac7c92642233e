// RPM's package database in its SQLite form (rpm ≥ 4.16: Fedora 33+, RHEL/UBI 9, Rocky/Alma 9, Amazon Linux
// 2023, openSUSE). Older databases, BerkeleyDB `Packages` (RHEL ≤ 8, CentOS 7) and NDB `Packages.db` (SUSE), are
// not read: this analyzer says so in a diagnostic rather than report an image as having no RPM packages.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Package } from '../../../core/package/package.js';
import type { Analyzer, Found } from '../analyzer.js';
import { diagnosticFound, truncatedFound } from '../found.js';
import { parseRpmHeader, toRpmPackage } from './parse.js';

const SQLITE_PATHS = ['var/lib/rpm/rpmdb.sqlite', 'usr/lib/sysimage/rpm/rpmdb.sqlite'];
const UNREAD_PATHS = [
  'var/lib/rpm/Packages',
  'var/lib/rpm/Packages.db',
  'usr/lib/sysimage/rpm/Packages',
  'usr/lib/sysimage/rpm/Packages.db',
];
const MAX_BYTES = 128 * 1024 * 1024;
/** Far above any distribution's package count; a database claiming more is not an rpmdb to trust. */
const MAX_PACKAGES = 100_000;
const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

export const rpm: Analyzer = {
  id: 'rpm',
  maxBytes: MAX_BYTES,
  wants: ({ path }) => SQLITE_PATHS.includes(path) || UNREAD_PATHS.includes(path),
  analyze: async (file) => {
    if (UNREAD_PATHS.includes(file.path)) {
      return [
        diagnosticFound(
          'rpm-db-format-not-read',
          file.path,
          `a ${file.path.endsWith('.db') ? 'NDB' : 'BerkeleyDB'} rpm database, which Coastguard does not read: ` +
            'the RPM packages of this image are not listed (only the SQLite rpmdb of rpm ≥ 4.16 is read)',
        ),
      ];
    }
    if (file.truncated) return [truncatedFound('rpm', file.path, MAX_BYTES)];
    if (!file.content.subarray(0, SQLITE_MAGIC.length).equals(SQLITE_MAGIC)) {
      return [diagnosticFound('rpm-db-unreadable', file.path, 'not an SQLite database')];
    }
    return readRpmdb(file.content, file.path);
  },
};

/**
 * SQLite reads files, not buffers: the database goes to a private temporary directory (mode 0700), opened
 * read-only, removed whatever happens. rpm leaves its database in WAL mode; the copy is switched to rollback
 * journal mode (file header bytes 18 and 19) so a read-only open needs no -wal or -shm file beside it.
 */
async function readRpmdb(content: Buffer, path: string): Promise<Found[]> {
  const dir = await mkdtemp(join(tmpdir(), 'coastguard-rpmdb-'));
  try {
    const copy = Buffer.from(content);
    if (copy.length >= 20 && copy[18] === 2 && copy[19] === 2) copy.fill(1, 18, 20);
    const dbPath = join(dir, 'rpmdb.sqlite');
    await writeFile(dbPath, copy, { mode: 0o600 });
    return queryPackages(dbPath, path);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function queryPackages(dbPath: string, path: string): Found[] {
  let db: Database.Database | undefined;
  const found: Found[] = [];
  try {
    db = new Database(dbPath, { readonly: true, fileMustExist: true });
    const rows = db
      .prepare('SELECT hnum, blob FROM Packages ORDER BY hnum LIMIT ?')
      .iterate(MAX_PACKAGES + 1);
    let count = 0;
    for (const row of rows as Iterable<{ hnum: number; blob: unknown }>) {
      if (++count > MAX_PACKAGES) {
        found.push(
          diagnosticFound('rpm-db-too-many', path, `more than ${MAX_PACKAGES} packages; the rest skipped`),
        );
        break;
      }
      if (!(row.blob instanceof Uint8Array)) {
        found.push(diagnosticFound('rpm-header-unreadable', path, `package ${row.hnum}: not a header blob`));
        continue;
      }
      const result = parseRpmHeader(row.blob);
      if ('error' in result) {
        found.push(diagnosticFound('rpm-header-unreadable', path, `package ${row.hnum}: ${result.error}`));
        continue;
      }
      // Imported signing keys are recorded as pseudo-packages named gpg-pubkey; they are not software.
      if (result.header.name === 'gpg-pubkey') continue;
      const pkg: Package = toRpmPackage(result.header);
      found.push({ kind: 'package', package: pkg });
    }
  } catch (err) {
    found.push(
      diagnosticFound('rpm-db-unreadable', path, `not a readable rpm database (${(err as Error).message})`),
    );
  } finally {
    db?.close();
  }
  return found;
}
