// Unpacks an image archive (a `docker save` tar, an OCI layout tar) into a private temporary directory, refusing
// anything that could write or point outside it. Only the archive's own structure is unpacked here (manifests,
// configs, layer blobs as files); layers themselves are never unpacked, they are streamed by the walker.
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { extract as tarExtract } from 'tar-stream';
import { CoastguardError } from '../../core/errors.js';

export interface ArchiveLimits {
  /** Bytes of all entries together (default 16 GiB). */
  readonly maxBytes?: number;
  /** Entries (default 100,000). */
  readonly maxEntries?: number;
}

export interface ExtractedArchive {
  /** The private directory (mode 0700) holding the files. */
  readonly dir: string;
  /** The file on disk for an archive path, following the archive's own links; undefined when absent. */
  locate(name: string): Promise<string | undefined>;
  close(): Promise<void>;
}

const DEFAULT_MAX_BYTES = 16 * 1024 ** 3;
const DEFAULT_MAX_ENTRIES = 100_000;
/** Names in image archives are digests, ids and a few fixed names: anything else is refused. */
const SAFE_NAME = /^[A-Za-z0-9._:+@-]+(\/[A-Za-z0-9._:+@-]+)*$/;

/**
 * An archive path normalized (no leading `./` or `/`, no `.` segments), or undefined when it would leave the
 * archive (`..`) or is empty.
 */
export function normalizeArchivePath(name: string): string | undefined {
  if (name.split('/').includes('..')) return undefined;
  const clean = posix.normalize(`/${name}`).slice(1).replace(/\/$/, '');
  if (clean === '' || clean.split('/').includes('..')) return undefined;
  return clean;
}

export async function extractArchive(
  input: Readable,
  label: string,
  options: ArchiveLimits & { signal?: AbortSignal; onProgress?: (bytes: number) => void } = {},
): Promise<ExtractedArchive> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
  const dir = await mkdtemp(join(tmpdir(), 'coastguard-image-'));
  const files = new Map<string, string>();
  const links = new Map<string, string>();
  const refuse = (why: string) => new CoastguardError('BAD_INPUT', `${label}: ${why}`);
  let bytes = 0;
  let entries = 0;
  const extractor = tarExtract();
  extractor.on('entry', (header, stream, next) => {
    // A failing archive fails the entry being read too; the pipeline reports that error once.
    stream.on('error', () => {});
    const work = async () => {
      entries += 1;
      if (entries > maxEntries) throw refuse(`more than ${maxEntries} entries; refused as hostile`);
      if (
        header.type === 'directory' &&
        normalizeArchivePath(header.name) === undefined &&
        !header.name.includes('..')
      ) {
        stream.resume();
        return;
      }
      const name = normalizeArchivePath(header.name);
      if (name === undefined) throw refuse(`entry "${header.name}" points outside the archive`);
      if (!SAFE_NAME.test(name)) throw refuse(`entry "${header.name}" is not a name an image archive uses`);
      if (header.type === 'directory') {
        stream.resume();
        return;
      }
      if (header.type === 'symlink' || header.type === 'link') {
        stream.resume();
        // A symlink resolves from its own directory; what leaves the archive after that is refused.
        const target = normalizeArchivePath(
          header.type === 'symlink'
            ? posix.join(posix.dirname(name), header.linkname ?? '')
            : (header.linkname ?? ''),
        );
        if (target === undefined) throw refuse(`link "${header.name}" points outside the archive`);
        links.set(name, target);
        return;
      }
      if (header.type !== 'file' && header.type !== 'contiguous-file') {
        stream.resume();
        throw refuse(`entry "${header.name}" is a ${header.type}, which an image archive never holds`);
      }
      const size = header.size ?? 0;
      bytes += size;
      if (bytes > maxBytes) throw refuse(`larger than the limit of ${maxBytes} bytes`);
      const path = join(dir, ...name.split('/'));
      await mkdir(dirname(path), { recursive: true, mode: 0o700 });
      await pipeline(stream, createWriteStream(path, { flags: 'wx', mode: 0o600 }));
      files.set(name, path);
      options.onProgress?.(bytes);
    };
    work().then(
      () => next(),
      (err: unknown) => next(err as Error),
    );
  });
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await pipeline(input, extractor, { signal: options.signal });
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    if (err instanceof CoastguardError) throw err;
    const message = err instanceof Error ? err.message : String(err);
    throw new CoastguardError('BAD_INPUT', `${label}: not a readable tar archive (${message})`, {
      cause: err,
    });
  }
  return {
    dir,
    async locate(name) {
      let current = normalizeArchivePath(name);
      // Links may chain; a loop or a dangling link is simply absent.
      for (let hops = 0; current !== undefined && hops < 16; hops += 1) {
        const file = files.get(current);
        if (file !== undefined) return file;
        current = links.get(current);
      }
      return undefined;
    },
    close: () => rm(dir, { recursive: true, force: true }),
  };
}
