import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { type Header, pack } from 'tar-stream';

/** What tar-stream's pack takes: a name, the rest optional. */
type EntryHeader = Partial<Header> & Pick<Header, 'name'>;

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyBundleArchive, writeBundleArchive } from './archive.js';
import { buildManifest, type EvidenceSigner, MANIFEST_FILE } from './manifest.js';

function testSigner(): EvidenceSigner {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return {
    keyId: `sha256:${createHash('sha256').update(der).digest('hex')}`,
    pem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    sign: (message) => sign(null, Buffer.from(message, 'utf8'), privateKey).toString('base64'),
  };
}

interface Entry {
  header: EntryHeader;
  body?: string | Buffer;
}

let work: string;
let manifestText: string;
const FILES: Record<string, string> = {
  'assessment.json': '{"id":"a1"}\n',
  'reports/pci-dss-4.0.json': '{"summary":{}}\n',
};

async function writeTar(
  name: string,
  entries: readonly Entry[],
  transform?: (gz: Buffer) => Buffer,
): Promise<string> {
  const path = join(work, name);
  const tar = pack();
  const chunks: Buffer[] = [];
  const collected = pipeline(tar, createGzip(), async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) chunks.push(chunk);
  });
  for (const { header, body } of entries) tar.entry(header, body ?? '');
  tar.finalize();
  await collected;
  const gz = Buffer.concat(chunks);
  await writeFile(path, transform ? transform(gz) : gz);
  return path;
}

/** The good bundle's entries, with `change` applied. */
function entries(change: (list: Entry[]) => Entry[] = (l) => l): Entry[] {
  const base: Entry[] = [
    { header: { name: `b/${MANIFEST_FILE}`, size: Buffer.byteLength(manifestText) }, body: manifestText },
    ...Object.entries(FILES).map(([path, body]) => ({
      header: { name: `b/${path}`, size: Buffer.byteLength(body) },
      body,
    })),
  ];
  return change(base);
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'cgtest-evidence-'));
  const dir = join(work, 'b');
  await mkdir(join(dir, 'reports'), { recursive: true });
  for (const [path, body] of Object.entries(FILES)) await writeFile(join(dir, path), body);
  const manifest = await buildManifest(
    dir,
    { createdAt: '2026-11-22T00:00:00Z', notes: [], kind: 'test' },
    testSigner(),
  );
  manifestText = JSON.stringify(manifest);
  await writeFile(join(dir, MANIFEST_FILE), manifestText);
  await writeBundleArchive(dir, join(work, 'written.tar.gz'));
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('bundle archives', () => {
  it('an archive written by writeBundleArchive verifies, manifest first', async () => {
    const verdict = await verifyBundleArchive(join(work, 'written.tar.gz'));
    expect(verdict.problems).toEqual([]);
    expect(verdict.isValid).toBe(true);
    expect(verdict.manifest?.kind).toBe('test');
  });

  it('names an altered, an added and a removed file', async () => {
    const altered = await writeTar(
      'altered.tar.gz',
      entries((l) => [
        ...l.filter((e) => !e.header.name.endsWith('assessment.json')),
        { header: { name: 'b/extra.txt', size: 1 }, body: 'x' },
        { header: { name: 'b/reports/pci-dss-4.0.json', size: 3 }, body: '{}\n' },
      ]).filter((e, i, all) => all.findIndex((o) => o.header.name === e.header.name) === i),
    );
    const verdict = await verifyBundleArchive(altered);
    expect(verdict.isValid).toBe(false);
    expect(verdict.problems).toEqual(['assessment.json is missing', 'extra.txt is not in the manifest']);
    const changed = await writeTar(
      'changed.tar.gz',
      entries((l) =>
        l.map((e) =>
          e.header.name === 'b/reports/pci-dss-4.0.json'
            ? { ...e, body: '{"summary":{"x":1}}\n', header: { ...e.header, size: 20 } }
            : e,
        ),
      ),
    );
    expect((await verifyBundleArchive(changed)).problems).toEqual(['reports/pci-dss-4.0.json was modified']);
  });

  it('a manifest edited after signing fails its signature', async () => {
    const forged = manifestText.replace('"kind":"test"', '"kind":"tset"');
    const path = await writeTar(
      'forged.tar.gz',
      entries((l) => [
        { header: { name: `b/${MANIFEST_FILE}`, size: Buffer.byteLength(forged) }, body: forged },
        ...l.slice(1),
      ]),
    );
    const verdict = await verifyBundleArchive(path);
    expect(verdict.problems).toEqual([
      expect.stringMatching(/signature does not verify: .*forged\.tar\.gz:b\/manifest\.json/),
    ]);
  });

  it.each([
    [
      'a symbolic link',
      { name: 'b/link', type: 'symlink', linkname: '/etc/shadow' } as EntryHeader,
      /is a symlink, not a file/,
    ],
    ['a path climbing out', { name: 'b/../../etc/cron.d/x', size: 1 } as EntryHeader, /unsafe path/],
    ['an absolute path', { name: '/etc/passwd', size: 1 } as EntryHeader, /unsafe path/],
    ['a second top folder', { name: 'other/file', size: 1 } as EntryHeader, /outside the bundle folder b\//],
    ['a duplicate', { name: 'b/assessment.json', size: 1 } as EntryHeader, /appears twice/],
  ])('refuses %s, naming the entry', async (_, header, message) => {
    const path = await writeTar(`hostile-${header.name.replace(/\W/g, '')}.tar.gz`, [
      ...entries(),
      { header, body: header.type === 'symlink' ? undefined : 'x' },
    ]);
    const verdict = await verifyBundleArchive(path);
    expect(verdict.isValid).toBe(false);
    expect(verdict.problems).toEqual([expect.stringMatching(message)]);
    expect(verdict.problems[0]).toContain(path);
  });

  it('a truncated archive, a file that is not gzip and an archive without a manifest are reported, not thrown', async () => {
    const truncated = await writeTar('truncated.tar.gz', entries(), (gz) => gz.subarray(0, gz.length - 40));
    expect((await verifyBundleArchive(truncated)).problems).toEqual([
      expect.stringMatching(/truncated\.tar\.gz is unreadable/),
    ]);
    const text = join(work, 'notes.txt');
    await writeFile(text, 'not an archive');
    expect((await verifyBundleArchive(text)).problems).toEqual([
      expect.stringMatching(/notes\.txt is unreadable/),
    ]);
    const bare = await writeTar(
      'bare.tar.gz',
      entries((l) => l.slice(1)),
    );
    expect((await verifyBundleArchive(bare)).problems).toEqual([
      expect.stringMatching(/has no manifest\.json/),
    ]);
  });

  it('refuses an oversized manifest entry without reading it', async () => {
    const path = join(work, 'huge.tar.gz');
    const tar = pack();
    const written = pipeline(tar, createGzip(), createWriteStream(path));
    const header = { name: `b/${MANIFEST_FILE}`, size: 17 * 1024 * 1024 };
    const entry = tar.entry(header, () => undefined);
    const block = Buffer.alloc(1024 * 1024, 0x20);
    for (let i = 0; i < 17; i++) entry.write(block);
    entry.end(() => undefined);
    tar.finalize();
    await written;
    expect((await verifyBundleArchive(path)).problems).toEqual([
      expect.stringMatching(/manifest is larger than/),
    ]);
    expect((await readFile(path)).length).toBeLessThan(1024 * 1024);
  });
});
