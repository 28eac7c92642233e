import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';
import { describe, expect, it } from 'vitest';
import type { LayerFileInfo } from '../../core/image/layer-file.js';
import type { Analyzer } from '../analyzer/analyzer.js';
import type { ImageHandle } from '../sources/image-source.js';
import { walkLayers } from './walk-layers.js';

type Entry = {
  name: string;
  content?: string;
  type?: 'file' | 'directory' | 'symlink' | 'link';
  linkname?: string;
};

async function tar(entries: readonly Entry[]): Promise<Buffer> {
  const p = pack();
  for (const e of entries) {
    if (e.type === undefined || e.type === 'file') p.entry({ name: e.name }, e.content ?? '');
    else
      p.entry({ name: e.name, type: e.type, ...(e.linkname === undefined ? {} : { linkname: e.linkname }) });
  }
  p.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of p as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

function handle(layers: readonly Buffer[]): ImageHandle {
  return {
    ref: 'test',
    imageId: 'sha256:test',
    tags: [],
    config: {},
    layers: layers.map((bytes, i) => ({
      diffId: `sha256:${String(i).repeat(64).slice(0, 64)}`,
      name: `layer ${i}`,
      open: () => Readable.from([bytes]),
    })),
    close: async () => {},
  };
}

/** Wants files under etc/ and reports each file's content as a diagnostic, so tests see what it was given. */
const echo: Analyzer = {
  id: 'echo',
  maxBytes: 8,
  wants: (info: LayerFileInfo) => info.path.startsWith('etc/'),
  analyze: async (file) => [
    {
      kind: 'diagnostic',
      diagnostic: {
        code: 'seen',
        severity: 'warning',
        message: `${file.content.toString()}|${file.truncated}`,
      },
    },
  ],
};

function trace(files: Awaited<ReturnType<typeof walkLayers>>): string[] {
  return files.map(({ event, found }) => {
    const seen = found[0]?.kind === 'diagnostic' ? found[0].diagnostic.message : '';
    return `${event.layer.index} ${event.kind} ${event.path}${seen === '' ? '' : ` ${seen}`}`;
  });
}

describe('walkLayers', () => {
  it('hands wanted files to analyzers, cut at maxBytes, gzip and plain alike', async () => {
    const layer0 = gzipSync(
      await tar([
        { name: './etc/a', content: 'short' },
        { name: 'usr/b', content: 'x' },
      ]),
    );
    const layer1 = await tar([{ name: 'etc/long', content: 'abcdefghijklmnop' }]);
    const files = await walkLayers(handle([layer0, layer1]), [echo]);
    expect(trace(files)).toEqual(['0 file etc/a short|false', '1 file etc/long abcdefgh|true']);
  });

  it('applies whiteouts and opaque directories to lower layers only', async () => {
    const layer0 = await tar([
      { name: 'etc/a', content: '1' },
      { name: 'etc/sub/b', content: '2' },
      { name: 'etc/c', content: '3' },
    ]);
    const layer1 = await tar([
      { name: 'etc/.wh.a' },
      { name: 'etc/sub/new', content: '4' },
      { name: 'etc/sub/.wh..wh..opq' },
      { name: 'etc/c', type: 'symlink', linkname: 'a' },
    ]);
    expect(trace(await walkLayers(handle([layer0, layer1]), [echo]))).toEqual([
      '0 file etc/a 1|false',
      '0 file etc/sub/b 2|false',
      '0 file etc/c 3|false',
      '1 removed etc/a',
      '1 file etc/sub/new 4|false',
      '1 removed etc/sub/b',
      '1 removed etc/c',
    ]);
  });

  it('resolves hard links within a layer', async () => {
    const layer = await tar([
      { name: 'etc/orig', content: 'same' },
      { name: 'etc/copy', type: 'link', linkname: 'etc/orig' },
    ]);
    expect(trace(await walkLayers(handle([layer]), [echo]))).toEqual([
      '0 file etc/orig same|false',
      '0 file etc/copy same|false',
    ]);
  });

  it('refuses entries and hard links that leave the image root, naming the layer', async () => {
    const outside = await tar([{ name: '../../etc/passwd', content: 'x' }]);
    await expect(walkLayers(handle([outside]), [echo])).rejects.toThrow(
      /layer 0: entry "..\/..\/etc\/passwd" leaves the image root/,
    );
    const link = await tar([{ name: 'etc/x', type: 'link', linkname: '../../../etc/shadow' }]);
    await expect(walkLayers(handle([link]), [echo])).rejects.toThrow(
      /layer 0: hard link "etc\/x" leaves the image root/,
    );
  });

  it('names a truncated gzip or tar layer', async () => {
    const whole = gzipSync(await tar([{ name: 'etc/a', content: 'a'.repeat(5000) }]));
    await expect(walkLayers(handle([whole.subarray(0, whole.length - 30)]), [echo])).rejects.toThrow(
      /layer 0: cannot be read as a layer .*truncated or damaged/,
    );
    const plain = await tar([{ name: 'etc/a', content: 'a'.repeat(5000) }]);
    await expect(walkLayers(handle([plain.subarray(0, 2000)]), [echo])).rejects.toThrow(
      /layer 0: cannot be read/,
    );
  });

  it('stops at the size, entry and expansion limits', async () => {
    const big = await tar([{ name: 'etc/a', content: 'a'.repeat(100_000) }]);
    await expect(walkLayers(handle([big]), [echo], { maxLayerBytes: 50_000 })).rejects.toThrow(
      /layer 0: more than 50000 bytes uncompressed/,
    );
    const many = await tar(Array.from({ length: 20 }, (_, i) => ({ name: `etc/f${i}`, content: 'x' })));
    await expect(walkLayers(handle([many]), [echo], { maxEntries: 10 })).rejects.toThrow(
      /more than 10 entries/,
    );
    // 300 MiB of zeros in ~300 KiB of gzip: a decompression bomb.
    const bomb = gzipSync(await tar([{ name: 'zeros', content: '\0'.repeat(300 * 1024 * 1024) }]), {
      level: 9,
    });
    await expect(walkLayers(handle([bomb]), [echo])).rejects.toThrow(/decompression bomb/);
  }, 60_000);
});
