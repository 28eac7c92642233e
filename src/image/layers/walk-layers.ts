// Streams an image's layers, bottom first, through the analyzers: each file an analyzer wants is read (at most
// its maxBytes) and analyzed as that layer wrote it; whiteouts (`.wh.NAME`) and opaque directories
// (`.wh..wh..opq`) in a later layer become removals of what lower layers provided. Nothing is written to disk and
// no layer is held in memory; limits stop hostile layers (bombs, endless entries, paths leaving the root).
import { posix } from 'node:path';
import { PassThrough, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { extract as tarExtract } from 'tar-stream';
import { CoastguardError } from '../../core/errors.js';
import type { LayerRef } from '../../core/image/layer-file.js';
import type { AnalyzedFile } from '../analyze-image.js';
import type { Analyzer, Found } from '../analyzer/analyzer.js';
import type { ImageHandle, LayerBlob } from '../sources/image-source.js';
import { decompressor, detectCompression, peek } from './decompress.js';

export interface WalkLimits {
  /** Uncompressed bytes of one layer (default 32 GiB). */
  readonly maxLayerBytes?: number;
  /** Entries of one layer (default 2,000,000). */
  readonly maxEntries?: number;
  /** Uncompressed ÷ compressed beyond which a large layer is taken for a decompression bomb (default 200). */
  readonly maxRatio?: number;
}

export interface WalkOptions extends WalkLimits {
  readonly signal?: AbortSignal;
  /** Called as each layer starts: its index and how many there are. */
  readonly onLayer?: (layer: LayerRef, total: number) => void;
}

const DEFAULTS = { maxLayerBytes: 32 * 1024 ** 3, maxEntries: 2_000_000, maxRatio: 200 } as const;
/** Below this many uncompressed bytes no ratio is suspicious (sparse files of zeros compress very well). */
const RATIO_FLOOR = 256 * 1024 * 1024;
const WHITEOUT = '.wh.';
const OPAQUE = '.wh..wh..opq';
/** What analyses keep of a file once analyzed: its content is not needed again. */
const NO_CONTENT = Buffer.alloc(0);

/** Every analyzed file version and removal, in layer order. */
export async function walkLayers(
  handle: ImageHandle,
  analyzers: readonly Analyzer[],
  options: WalkOptions = {},
): Promise<AnalyzedFile[]> {
  const out: AnalyzedFile[] = [];
  /** Paths lower layers provided to an analyzer and no layer has removed since. */
  const present = new Set<string>();
  const limits = { ...DEFAULTS, ...options };
  // The next layer is decompressed (on zlib's threads) while this one's tar is parsed and analyzed here.
  let next =
    handle.layers[0] === undefined ? undefined : decompressLayer(handle.layers[0], limits, options.signal);
  try {
    for (const [index, blob] of handle.layers.entries()) {
      const current = next;
      const following = handle.layers[index + 1];
      next = following === undefined ? undefined : decompressLayer(following, limits, options.signal);
      const history = createdByOf(handle, index);
      const layer: LayerRef = {
        index,
        diffId: blob.diffId,
        ...(history === undefined ? {} : { createdBy: history }),
      };
      options.onLayer?.(layer, handle.layers.length);
      if (current !== undefined) await walkLayer(current, blob, layer, analyzers, present, out, options);
    }
  } finally {
    next?.destroy();
  }
  return out;
}

/** A layer's tar stream as it is being decompressed, and the end of that decompression. */
interface DecompressingLayer {
  readonly tar: PassThrough;
  readonly done: Promise<void>;
  destroy(): void;
}

/** Decompressed bytes buffered ahead of the parser: enough to keep zlib busy, small next to the RSS budget. */
const READ_AHEAD_BYTES = 8 * 1024 * 1024;

function layerError(blob: LayerBlob, why: string): CoastguardError {
  return new CoastguardError('BAD_INPUT', `${blob.name}: ${why}`);
}

/** Starts decompressing a layer into a bounded buffer, counting bytes to refuse bombs and oversized layers. */
function decompressLayer(
  blob: LayerBlob,
  limits: Required<WalkLimits>,
  signal: AbortSignal | undefined,
): DecompressingLayer {
  let compressed = 0;
  let uncompressed = 0;
  const countCompressed = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      compressed += chunk.length;
      done(null, chunk);
    },
  });
  let refused: CoastguardError | undefined;
  const countUncompressed = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      // The decompressor may still hand over chunks it had ready after a refusal: refuse once, drop the rest.
      if (refused !== undefined) return done();
      uncompressed += chunk.length;
      if (uncompressed > limits.maxLayerBytes) {
        refused = layerError(blob, `more than ${limits.maxLayerBytes} bytes uncompressed; refused`);
      } else if (uncompressed > RATIO_FLOOR && uncompressed > compressed * limits.maxRatio) {
        refused = layerError(
          blob,
          `expands more than ${limits.maxRatio}× when decompressed; refused as a decompression bomb`,
        );
      }
      done(refused, refused === undefined ? chunk : undefined);
    },
  });
  const tar = new PassThrough({ highWaterMark: READ_AHEAD_BYTES });
  const raw = blob.open();
  const done = (async () => {
    const head = await peek(raw, 4);
    await pipeline(raw, countCompressed, decompressor(detectCompression(head)), countUncompressed, tar, {
      ...(signal === undefined ? {} : { signal }),
    });
  })();
  // Its failure reaches the walk through `tar` (destroyed with the error) or through `done`, awaited there.
  done.catch(() => {});
  return {
    tar,
    done,
    destroy: () => {
      raw.destroy();
      tar.destroy();
    },
  };
}

async function walkLayer(
  decompressing: DecompressingLayer,
  blob: LayerBlob,
  layer: LayerRef,
  analyzers: readonly Analyzer[],
  present: Set<string>,
  out: AnalyzedFile[],
  options: WalkOptions,
): Promise<void> {
  const limits = { ...DEFAULTS, ...options };
  const fail = (why: string) => layerError(blob, why);
  const addedHere = new Set<string>();
  const contentHere = new Map<string, Buffer>();
  let entries = 0;

  const remove = (path: string, opaqueDir: boolean) => {
    for (const known of present) {
      const below = known.startsWith(`${path}/`);
      if (addedHere.has(known) || !(below || (!opaqueDir && known === path))) continue;
      present.delete(known);
      out.push({ event: { kind: 'removed', path: known, layer }, found: [] });
    }
  };

  const extractor = tarExtract();
  extractor.on('entry', (header, stream, next) => {
    // When the layer fails (a limit, a truncation), the entry being read fails with it; the pipeline reports that
    // error once, so the entry's own copy is not a second, unhandled one.
    stream.on('error', () => {});
    const work = async (): Promise<void> => {
      entries += 1;
      if (entries > limits.maxEntries)
        throw fail(`more than ${limits.maxEntries} entries; refused as hostile`);
      const path = layerPath(header.name);
      if (path === undefined) throw fail(`entry "${header.name}" leaves the image root; refused as hostile`);
      if (path === '') {
        stream.resume();
        return;
      }
      const base = posix.basename(path);
      const dir = posix.dirname(path) === '.' ? '' : posix.dirname(path);
      if (base === OPAQUE) {
        stream.resume();
        remove(dir, true);
        return;
      }
      if (base.startsWith(WHITEOUT)) {
        stream.resume();
        remove(dir === '' ? base.slice(WHITEOUT.length) : `${dir}/${base.slice(WHITEOUT.length)}`, false);
        return;
      }
      const isFile = header.type === 'file' || header.type === 'contiguous-file';
      const isHardLink = header.type === 'link';
      if (!isFile && !isHardLink) {
        stream.resume();
        // A directory, symlink or device where a lower layer had a wanted file: that file is gone.
        if (present.has(path) && !addedHere.has(path)) remove(path, false);
        return;
      }
      const info = { path, size: header.size ?? 0, mode: header.mode ?? 0 };
      let content: Buffer | undefined;
      let truncated = false;
      if (isHardLink) {
        stream.resume();
        const target = layerPath(header.linkname ?? '');
        if (target === undefined)
          throw fail(`hard link "${header.name}" leaves the image root; refused as hostile`);
        content = contentHere.get(target);
        if (content === undefined) return;
      }
      const wanting = analyzers.filter((a) =>
        a.wants(isHardLink ? { ...info, size: content?.length ?? 0 } : info),
      );
      if (wanting.length === 0) {
        if (!isHardLink) stream.resume();
        if (present.has(path) && !addedHere.has(path)) remove(path, false);
        return;
      }
      if (content === undefined) {
        const limit = Math.max(...wanting.map((a) => a.maxBytes));
        ({ content, truncated } = await readPrefix(stream as AsyncIterable<Buffer>, limit));
        contentHere.set(path, content);
      }
      // One event per version of a file, with what every analyzer that wanted it found in it.
      const found: Found[] = [];
      for (const analyzer of wanting) {
        const cut = content.length > analyzer.maxBytes;
        found.push(
          ...(await analyzer.analyze({
            kind: 'file',
            ...info,
            layer,
            content: cut ? content.subarray(0, analyzer.maxBytes) : content,
            truncated: truncated || cut,
          })),
        );
      }
      out.push({ event: { kind: 'file', ...info, layer, content: NO_CONTENT, truncated }, found });
      present.add(path);
      addedHere.add(path);
    };
    work().then(
      () => next(),
      (err: unknown) => next(err as Error),
    );
  });

  try {
    await pipeline(decompressing.tar, extractor, {
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
    await decompressing.done;
  } catch (err) {
    decompressing.destroy();
    if (err instanceof CoastguardError) throw err;
    const message = err instanceof Error ? err.message : String(err);
    throw fail(`cannot be read as a layer (${message}); the archive may be truncated or damaged`);
  }
}

/** A tar entry name as a path below the image root (`''` for the root itself), or undefined when it would leave it. */
export function layerPath(name: string): string | undefined {
  if (name.split('/').includes('..')) return undefined;
  return posix.normalize(`/${name}`).slice(1).replace(/\/$/, '');
}

async function readPrefix(
  stream: AsyncIterable<Buffer>,
  limit: number,
): Promise<{ content: Buffer; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let kept = 0;
  let truncated = false;
  for await (const chunk of stream) {
    if (kept < limit) {
      const part = chunk.length > limit - kept ? chunk.subarray(0, limit - kept) : chunk;
      chunks.push(part);
      kept += part.length;
      if (part.length < chunk.length) truncated = true;
    } else truncated = true;
  }
  return { content: Buffer.concat(chunks), truncated };
}

/** The `created_by` of the history entry that made layer `index` (empty layers have no layer of their own). */
function createdByOf(handle: ImageHandle, index: number): string | undefined {
  const history = handle.config.history ?? [];
  const real = history.filter((entry) => entry.empty_layer !== true);
  return real.length === handle.layers.length ? real[index]?.created_by : undefined;
}
