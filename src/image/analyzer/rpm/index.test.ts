import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import {
  diagnosticCodesOf,
  diagnosticMessagesOf,
  offer,
  packagesOf,
} from '../../../../test/support/layer-file.js';
import { rpm } from './index.js';
import { parseRpmHeader, RPM_TAG, sourceNameOf } from './parse.js';

/** Written by real rpm 4.18 (see __fixtures__/make-rpmdb.sh). */
const RPMDB = readFileSync(new URL('./__fixtures__/rpmdb.sqlite', import.meta.url));

/** A header blob as rpm's headerExport writes it: count, data length, index entries, data store. */
function encodeHeader(entries: { tag: number; type: 4 | 6; value: string | number }[]): Buffer {
  const data: Buffer[] = [];
  let size = 0;
  const index = entries.map(({ tag, type, value }) => {
    if (type === 4 && size % 4 !== 0) {
      data.push(Buffer.alloc(4 - (size % 4)));
      size += 4 - (size % 4);
    }
    const bytes = type === 4 ? Buffer.alloc(4) : Buffer.from(`${value}\0`);
    if (type === 4) bytes.writeUInt32BE(Number(value));
    const entry = Buffer.alloc(16);
    entry.writeUInt32BE(tag, 0);
    entry.writeUInt32BE(type, 4);
    entry.writeUInt32BE(size, 8);
    entry.writeUInt32BE(1, 12);
    data.push(bytes);
    size += bytes.length;
    return entry;
  });
  const preamble = Buffer.alloc(8);
  preamble.writeUInt32BE(entries.length, 0);
  preamble.writeUInt32BE(size, 4);
  return Buffer.concat([preamble, ...index, ...data]);
}

const OPENSSL = encodeHeader([
  { tag: RPM_TAG.name, type: 6, value: 'openssl-libs' },
  { tag: RPM_TAG.epoch, type: 4, value: 1 },
  { tag: RPM_TAG.version, type: 6, value: '3.0.7' },
  { tag: RPM_TAG.release, type: 6, value: '27.el9' },
  { tag: RPM_TAG.arch, type: 6, value: 'x86_64' },
  { tag: RPM_TAG.sourceRpm, type: 6, value: 'openssl-3.0.7-27.el9.src.rpm' },
]);

const work = mkdtempSync(join(tmpdir(), 'coastguard-rpm-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** An rpmdb-shaped SQLite file holding the given blobs, in WAL mode as rpm leaves it. */
function buildDb(name: string, blobs: Buffer[], options: { table?: boolean } = {}): Buffer {
  const path = join(work, name);
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  if (options.table !== false) {
    db.exec('CREATE TABLE Packages (hnum INTEGER PRIMARY KEY AUTOINCREMENT, blob BLOB NOT NULL)');
    const insert = db.prepare('INSERT INTO Packages (blob) VALUES (?)');
    for (const blob of blobs) insert.run(blob);
  } else {
    db.exec('CREATE TABLE Other (x)');
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  const bytes = readFileSync(path);
  db.close();
  return bytes;
}

describe('rpm analyzer', () => {
  it('reads a real SQLite rpmdb written by rpm, in install order', async () => {
    const packages = packagesOf(await offer(rpm, 'var/lib/rpm/rpmdb.sqlite', RPMDB));
    expect(packages).toEqual([
      {
        ecosystem: 'rpm',
        name: 'coastguard-tool',
        version: '0.9-1.el9',
        sourceName: 'coastguard-tool',
        sourceVersion: '0.9-1.el9',
        arch: 'noarch',
        purl: 'pkg:rpm/coastguard-tool@0.9-1.el9?arch=noarch&upstream=coastguard-tool-0.9-1.el9.src.rpm',
      },
      {
        ecosystem: 'rpm',
        name: 'coastguard-hello',
        version: '2:1.2.3-4.fc39',
        sourceName: 'coastguard-hello',
        sourceVersion: '2:1.2.3-4.fc39',
        arch: 'noarch',
        purl: 'pkg:rpm/coastguard-hello@1.2.3-4.fc39?arch=noarch&epoch=2&upstream=coastguard-hello-1.2.3-4.fc39.src.rpm',
      },
    ]);
  });

  it('reads a database left in WAL mode, from the usr/lib/sysimage place, skipping gpg-pubkey entries', async () => {
    const key = encodeHeader([
      { tag: RPM_TAG.name, type: 6, value: 'gpg-pubkey' },
      { tag: RPM_TAG.version, type: 6, value: 'fd431d51' },
      { tag: RPM_TAG.release, type: 6, value: '4ae0493b' },
    ]);
    const db = buildDb('wal.sqlite', [OPENSSL, key]);
    expect(db[18]).toBe(2);
    const packages = packagesOf(await offer(rpm, 'usr/lib/sysimage/rpm/rpmdb.sqlite', db));
    expect(packages.map((p) => [p.name, p.version, p.sourceName, p.sourceVersion])).toEqual([
      ['openssl-libs', '1:3.0.7-27.el9', 'openssl', '1:3.0.7-27.el9'],
    ]);
  });

  it('reports a truncated or hostile header as a diagnostic and keeps the good packages', async () => {
    const offsetPastEnd = Buffer.from(OPENSSL);
    offsetPastEnd.writeUInt32BE(0x7fffffff, 8 + 8);
    const db = buildDb('bad.sqlite', [OPENSSL.subarray(0, 40), offsetPastEnd, Buffer.alloc(3), OPENSSL]);
    const found = await offer(rpm, 'var/lib/rpm/rpmdb.sqlite', db);
    expect(packagesOf(found).map((p) => p.name)).toEqual(['openssl-libs']);
    expect(diagnosticCodesOf(found)).toEqual([
      'rpm-header-unreadable',
      'rpm-header-unreadable',
      'rpm-header-unreadable',
    ]);
    const messages = diagnosticMessagesOf(found);
    expect(messages[0]).toMatch(/^var\/lib\/rpm\/rpmdb\.sqlite: package 1: .*truncated/);
    expect(messages[1]).toMatch(/package 2: tag 1000: offset 2147483647 is past the data store/);
  });

  it('says clearly that BerkeleyDB and NDB databases are not read', async () => {
    const bdb = await offer(rpm, 'var/lib/rpm/Packages', Buffer.alloc(4096));
    expect(diagnosticCodesOf(bdb)).toEqual(['rpm-db-format-not-read']);
    expect(JSON.stringify(bdb)).toMatch(/BerkeleyDB rpm database.*not listed/);
    const ndb = await offer(rpm, 'usr/lib/sysimage/rpm/Packages.db', Buffer.alloc(4096));
    expect(JSON.stringify(ndb)).toMatch(/NDB rpm database/);
  });

  it.each`
    what                          | content                                                        | code
    ${'not SQLite'}               | ${Buffer.from('hello')}                                        | ${'rpm-db-unreadable'}
    ${'SQLite without Packages'}  | ${buildDb('other.sqlite', [], { table: false })}               | ${'rpm-db-unreadable'}
    ${'SQLite cut in the middle'} | ${buildDb('cut.sqlite', [OPENSSL, OPENSSL]).subarray(0, 5000)} | ${'rpm-db-unreadable'}
  `('gives a diagnostic, never a throw, for $what', async ({ content, code }) => {
    expect(diagnosticCodesOf(await offer(rpm, 'var/lib/rpm/rpmdb.sqlite', content))).toEqual([code]);
  });

  it('does not read a database cut at its bound', async () => {
    const found = await offer(rpm, 'var/lib/rpm/rpmdb.sqlite', RPMDB, { maxBytes: 1024, size: RPMDB.length });
    expect(diagnosticCodesOf(found)).toEqual(['rpm-file-truncated']);
  });
});

describe('rpm header', () => {
  it('refuses implausible sizes before reading', () => {
    const huge = Buffer.alloc(8);
    huge.writeUInt32BE(0x10000000, 0);
    expect(parseRpmHeader(huge)).toEqual({ error: expect.stringMatching(/implausible/) });
  });

  it.each`
    sourceRpm                                | name
    ${'bash-5.1.8-6.el9.src.rpm'}            | ${'bash'}
    ${'python-urllib3-1.26.5-3.el9.src.rpm'} | ${'python-urllib3'}
    ${'kernel-5.14.0-362.el9.nosrc.rpm'}     | ${'kernel'}
    ${'garbage'}                             | ${undefined}
  `('names the source package of $sourceRpm', ({ sourceRpm, name }) => {
    expect(sourceNameOf(sourceRpm)).toBe(name);
  });
});
