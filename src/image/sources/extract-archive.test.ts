import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pack } from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { extractArchive } from './extract-archive.js';

type Entry = {
  name: string;
  content?: string;
  type?: 'file' | 'symlink' | 'link' | 'character-device';
  linkname?: string;
};

async function tar(entries: readonly Entry[]): Promise<Readable> {
  const p = pack();
  for (const e of entries) {
    if (e.type === undefined || e.type === 'file') p.entry({ name: e.name }, e.content ?? '');
    else
      p.entry({ name: e.name, type: e.type, ...(e.linkname === undefined ? {} : { linkname: e.linkname }) });
  }
  p.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of p as AsyncIterable<Buffer>) chunks.push(chunk);
  return Readable.from([Buffer.concat(chunks)]);
}

describe('extractArchive', () => {
  it('unpacks into a private directory and follows links inside the archive', async () => {
    const archive = await extractArchive(
      await tar([
        { name: 'manifest.json', content: '[]' },
        { name: 'abc/layer.tar', content: 'L' },
        { name: 'def/layer.tar', type: 'symlink', linkname: '../abc/layer.tar' },
      ]),
      'test.tar',
    );
    try {
      const linked = await archive.locate('def/layer.tar');
      expect(linked).toBeDefined();
      expect(await readFile(linked ?? '', 'utf8')).toBe('L');
      expect(await archive.locate('missing')).toBeUndefined();
    } finally {
      await archive.close();
    }
  });

  it.each([
    [[{ name: '../escape', content: 'x' }], /entry "..\/escape" points outside the archive/],
    [[{ name: 'a', type: 'symlink', linkname: '../../etc/passwd' }], /link "a" points outside the archive/],
    [[{ name: 'a', type: 'link', linkname: '../outside' }], /link "a" points outside the archive/],
    [[{ name: 'dev', type: 'character-device' }], /is a character-device/],
    [[{ name: 'we$rd name', content: 'x' }], /not a name an image archive uses/],
  ] as const)('refuses hostile entries: %j', async (entries, message) => {
    await expect(extractArchive(await tar(entries as readonly Entry[]), 'hostile.tar')).rejects.toThrow(
      message,
    );
  });

  it('refuses an archive beyond its size or entry limits, and names a truncated one', async () => {
    await expect(
      extractArchive(await tar([{ name: 'a', content: 'x'.repeat(2000) }]), 'big.tar', { maxBytes: 1000 }),
    ).rejects.toThrow(/big.tar: larger than the limit of 1000 bytes/);
    await expect(
      extractArchive(await tar([{ name: 'a' }, { name: 'b' }, { name: 'c' }]), 'many.tar', { maxEntries: 2 }),
    ).rejects.toThrow(/many.tar: more than 2 entries/);
    const whole = Buffer.concat(await (await tar([{ name: 'a', content: 'y'.repeat(3000) }])).toArray());
    await expect(extractArchive(Readable.from([whole.subarray(0, 1500)]), 'cut.tar')).rejects.toThrow(
      /cut.tar: not a readable tar archive/,
    );
  });
});
