import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../core/diagnostic.js';
import type { IndexedAdvisory } from '../../core/result/vulnerability.js';
import { buildZip } from './__fixtures__/build-zip.js';
import { createMemoryAdvisorySource } from './memory-source.js';
import { DEFAULT_IMPORT_LIMITS, readOsvDirectory, readOsvZip } from './osv-import.js';
import { updateAdvisoryDatabase } from './update.js';

const record = (id: string, name = 'lodash', extra: object = {}) =>
  JSON.stringify({
    id,
    modified: '2024-01-01T00:00:00Z',
    affected: [
      {
        package: { ecosystem: 'npm', name },
        ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.0.0' }] }],
      },
    ],
    ...extra,
  });

async function collect(records: AsyncIterable<IndexedAdvisory>): Promise<string[]> {
  const ids: string[] = [];
  for await (const r of records) ids.push(r.advisory.id);
  return ids;
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cgtest-osv-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function writeZip(name: string, bytes: Buffer): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, bytes);
  return path;
}

describe('reading OSV records', () => {
  it('reads a directory recursively, skipping bad records with a diagnostic naming the file', async () => {
    const root = join(dir, 'tree');
    await mkdir(join(root, 'npm', 'deep'), { recursive: true });
    await writeFile(join(root, 'npm', 'A-1.json'), record('A-1'));
    await writeFile(join(root, 'npm', 'deep', 'A-2.json'), record('A-2', 'PyYAML', { affected: [] }));
    await writeFile(join(root, 'npm', 'broken.json'), '{"id": "X",');
    await writeFile(
      join(root, 'npm', 'wrong.json'),
      JSON.stringify({ id: 'W-1', modified: 'x', affected: [{}] }),
    );
    await writeFile(join(root, 'README.md'), '# not a record');
    const diagnostics: Diagnostic[] = [];
    expect(await collect(readOsvDirectory(root, diagnostics))).toEqual(['A-1', 'A-2']);
    expect(diagnostics.map((d) => [d.code, d.message.split(':')[0]])).toEqual([
      ['osv-invalid-json', 'npm/broken.json'],
      ['osv-invalid-record', 'npm/wrong.json'],
    ]);
    expect(diagnostics[1]?.message).toMatch(/affected\.0\.package/);
  });

  it('reads the JSON entries of a zip as osv.dev publishes it', async () => {
    const path = await writeZip(
      'all.zip',
      buildZip([
        { name: 'GHSA-1.json', data: record('GHSA-1') },
        { name: 'GHSA-2.json', data: record('GHSA-2'), isStored: true },
        { name: 'bad.json', data: 'not json' },
        { name: '../../escape.json', data: record('ESC-1') },
      ]),
    );
    const diagnostics: Diagnostic[] = [];
    const records: IndexedAdvisory[] = [];
    for await (const r of readOsvZip(path, diagnostics)) records.push(r);
    // Entry names are only labels: nothing is written, so "../" goes nowhere.
    expect(records.map((r) => r.advisory.id)).toEqual(['GHSA-1', 'GHSA-2', 'ESC-1']);
    expect(records[0]?.keys).toEqual([{ ecosystem: 'npm', name: 'lodash' }]);
    expect(diagnostics).toEqual([
      expect.objectContaining({
        code: 'osv-invalid-json',
        message: expect.stringContaining(`${path}!bad.json`),
      }),
    ]);
  });

  it('skips an entry that claims a huge size without inflating it', async () => {
    const path = await writeZip(
      'bomb.zip',
      buildZip([
        { name: 'bomb.json', data: Buffer.alloc(1024, 0x20), claimedSize: 0xfffffff0 },
        { name: 'ok.json', data: record('OK-1') },
      ]),
    );
    const diagnostics: Diagnostic[] = [];
    expect(await collect(readOsvZip(path, diagnostics))).toEqual(['OK-1']);
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'osv-record-too-large' })]);
  });

  it('stops inflating an entry whose data outgrows what it declares', async () => {
    const path = await writeZip(
      'liar.zip',
      buildZip([
        { name: 'liar.json', data: Buffer.alloc(4 * 1024 * 1024, 0x20), claimedSize: 100 },
        { name: 'ok.json', data: record('OK-2') },
      ]),
    );
    const diagnostics: Diagnostic[] = [];
    expect(await collect(readOsvZip(path, diagnostics))).toEqual(['OK-2']);
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'osv-entry-unreadable' })]);
  });

  it('refuses a truncated zip before reading any record', async () => {
    const whole = buildZip([{ name: 'A.json', data: record('A') }]);
    const path = await writeZip('truncated.zip', whole.subarray(0, whole.length - 30));
    await expect(collect(readOsvZip(path, []))).rejects.toThrow(
      new RegExp(`${path} is not a readable zip archive .*Nothing was imported`),
    );
  });

  it('refuses a zip listing more entries than the limit (100,000 here)', async () => {
    const entries = Array.from({ length: 100_000 }, (_, i) => ({
      name: `${i}.json`,
      data: '',
      isStored: true,
    }));
    const path = await writeZip('many.zip', buildZip(entries));
    await expect(
      collect(readOsvZip(path, [], { ...DEFAULT_IMPORT_LIMITS, maxEntries: 50_000 })),
    ).rejects.toThrow(/lists 100000 entries, more than the limit of 50000/);
  });

  it('refuses a source whose records together exceed the total limit', async () => {
    const path = await writeZip(
      'big.zip',
      buildZip([
        { name: 'A.json', data: record('A') },
        { name: 'B.json', data: record('B') },
      ]),
    );
    const limits = { ...DEFAULT_IMPORT_LIMITS, maxTotalBytes: record('A').length + 10 };
    await expect(collect(readOsvZip(path, [], limits))).rejects.toThrow(/more than \d+ bytes uncompressed/);
  });
});

describe('updating the database', () => {
  let server: Server;
  let authorization: string | undefined;
  let base: string;
  const zip = buildZip([{ name: 'U-1.json', data: record('U-1') }]);

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url?.startsWith('/all.zip')) {
        authorization = req.headers.authorization;
        res.writeHead(200, { 'content-type': 'application/zip' }).end(zip);
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((done) => server.close(done));
  });

  it('imports a zip served over HTTP on loopback, storing the URL without credentials or query', async () => {
    const store = createMemoryAdvisorySource();
    const url = `http://user:secret@${base.slice('http://'.length)}/all.zip?token=abc`;
    const report = await updateAdvisoryDatabase(url, store);
    expect(report.source).toEqual({ id: `${base}/all.zip`, kind: 'url' });
    expect(report.recordCount).toBe(1);
    expect(JSON.stringify(await store.listSources())).not.toMatch(/secret|token/);
    expect(authorization).toBe(`Basic ${Buffer.from('user:secret').toString('base64')}`);
  });

  it('names the URL and the status when the server refuses', async () => {
    await expect(updateAdvisoryDatabase(`${base}/missing.zip`, createMemoryAdvisorySource())).rejects.toThrow(
      /Cannot download .*missing\.zip: the server answered 404/,
    );
  });

  it('refuses plain HTTP to anything but loopback', async () => {
    await expect(
      updateAdvisoryDatabase('http://example.invalid/all.zip', createMemoryAdvisorySource()),
    ).rejects.toThrow(/only https URLs/);
  });

  it('keeps what was stored when a source holds no valid record or cannot be read', async () => {
    const store = createMemoryAdvisorySource();
    const good = await writeZip('good.zip', buildZip([{ name: 'G-1.json', data: record('G-1') }]));
    await updateAdvisoryDatabase(good, store);
    await writeFile(good, buildZip([{ name: 'bad.json', data: '{' }]));
    await expect(updateAdvisoryDatabase(good, store)).rejects.toThrow(/holds no valid OSV record/);
    await writeFile(good, Buffer.from('PK truncated'));
    await expect(updateAdvisoryDatabase(good, store)).rejects.toThrow(/not a readable zip/);
    expect((await store.findByPackage('npm', ['lodash'])).map((a) => a.id)).toEqual(['G-1']);
  });

  it('names a missing source path', async () => {
    await expect(updateAdvisoryDatabase(join(dir, 'nope'), createMemoryAdvisorySource())).rejects.toThrow(
      /Cannot read the database source .*nope/,
    );
  });
});
