// A bundle as one gzip'd tar: every file under the bundle's own folder name, manifest first. Verification streams
// the archive once, hashing each entry without unpacking anything to disk, and refuses what no bundle of ours
// holds: links, devices, paths that climb out, entries outside the one top folder, the same path twice.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { extract as tarExtract, pack as tarPack } from 'tar-stream';
import {
  type BundleVerdict,
  type EvidenceVerifier,
  type FoundFile,
  judgeBundle,
  listBundleFiles,
  MANIFEST_FILE,
  MAX_MANIFEST_BYTES,
} from './manifest.js';

/** Far more files than any bundle of ours holds: beyond it the archive is not one. */
const MAX_ENTRIES = 100_000;

/** Writes `dir` (with its signed manifest) as `archive`, which must not exist yet. */
export async function writeBundleArchive(dir: string, archive: string): Promise<void> {
  const root = basename(dir);
  const files = [MANIFEST_FILE, ...(await listBundleFiles(dir))];
  const tar = tarPack();
  const written = pipeline(tar, createGzip(), createWriteStream(archive, { flags: 'wx', mode: 0o600 }));
  for (const file of files) {
    const { size } = await stat(join(dir, file));
    const entry = tar.entry({ name: `${root}/${file}`, size, mode: 0o600 });
    await pipeline(createReadStream(join(dir, file)), entry);
  }
  tar.finalize();
  await written;
}

class ArchiveRefused extends Error {}

/** The entry's path inside the bundle, or why the entry is refused. */
function bundlePath(name: string, root: { value?: string }): string {
  const parts = name.replace(/\/+$/, '').split('/');
  if (name.startsWith('/') || parts.includes('..') || parts.includes('')) {
    throw new ArchiveRefused(`entry "${name}" has an unsafe path`);
  }
  const [top, ...rest] = parts;
  root.value ??= top;
  if (top !== root.value || rest.length === 0) {
    throw new ArchiveRefused(`entry "${name}" is outside the bundle folder ${root.value}/`);
  }
  return rest.join('/');
}

/** Checks a bundle archive as verifyEvidenceBundle checks a directory; problems name the archive's files. */
export async function verifyBundleArchive(
  archive: string,
  trusted?: EvidenceVerifier,
): Promise<BundleVerdict> {
  const found = new Map<string, FoundFile>();
  const root: { value?: string } = {};
  let manifestText: string | undefined;
  let entries = 0;
  const extract = tarExtract();
  extract.on('entry', (header, stream, next) => {
    // The archive's own error (rejecting the pipeline below) is what gets reported; an entry's echo of it is not.
    stream.on('error', () => undefined);
    const fail = (err: Error) => {
      stream.resume();
      extract.destroy(err);
    };
    try {
      entries += 1;
      if (entries > MAX_ENTRIES) throw new ArchiveRefused(`more than ${MAX_ENTRIES} entries`);
      if (header.type === 'directory') {
        bundlePath(`${header.name.replace(/\/+$/, '')}/.`, root);
        stream.resume();
        stream.on('end', next);
        return;
      }
      if (header.type !== 'file')
        throw new ArchiveRefused(`entry "${header.name}" is a ${header.type}, not a file`);
      const path = bundlePath(header.name, root);
      if (found.has(path) || (path === MANIFEST_FILE && manifestText !== undefined)) {
        throw new ArchiveRefused(`entry "${header.name}" appears twice`);
      }
      if (path === MANIFEST_FILE && (header.size ?? 0) > MAX_MANIFEST_BYTES) {
        throw new ArchiveRefused(`its manifest is larger than ${MAX_MANIFEST_BYTES} bytes`);
      }
      const hash = createHash('sha256');
      const kept: Buffer[] = [];
      let size = 0;
      stream.on('data', (data: unknown) => {
        const chunk = data as Buffer;
        size += chunk.length;
        if (path === MANIFEST_FILE) kept.push(chunk);
        else hash.update(chunk);
      });
      stream.on('end', () => {
        if (path === MANIFEST_FILE) manifestText = Buffer.concat(kept).toString('utf8');
        else found.set(path, { size, sha256: hash.digest('hex') });
        next();
      });
    } catch (err) {
      fail(err as Error);
    }
  });
  try {
    await pipeline(createReadStream(archive), createGunzip(), extract);
  } catch (err) {
    const reason =
      err instanceof ArchiveRefused
        ? `refused: ${err.message}`
        : `unreadable (truncated or not a gzip'd tar): ${(err as Error).message}`;
    return { isValid: false, problems: [`${archive} is ${reason}`] };
  }
  if (manifestText === undefined) {
    return { isValid: false, problems: [`${archive} has no ${MANIFEST_FILE}: it is not an evidence bundle`] };
  }
  return judgeBundle(manifestText, found, `${archive}:${root.value}/${MANIFEST_FILE}`, trusted);
}
