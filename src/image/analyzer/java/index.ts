// Java archives (.jar, .war, .ear): the Maven artifacts they hold, and those of the archives nested one level
// inside (WEB-INF/lib, BOOT-INF/lib). Archives come from images, so everything is bounded: entries, the bytes
// inflated in all, and each entry, whatever its header claims (a zip bomb stops at the bound).
import yauzl from 'yauzl';
import type { Package } from '../../../core/package/package.js';
import type { Analyzer, Found } from '../analyzer.js';
import { diagnosticFound, truncatedFound } from '../found.js';
import { packageFromManifest, packageFromPomProperties, parseManifest, parseProperties } from './parse.js';

export interface JavaLimits {
  /** Entries one archive may list. */
  readonly maxEntries: number;
  /** A nested archive read into memory. */
  readonly maxNestedBytes: number;
  /** Inflated in all, over the archive and every archive nested in it. */
  readonly maxTotalBytes: number;
}

export const DEFAULT_JAVA_LIMITS: JavaLimits = {
  maxEntries: 100_000,
  maxNestedBytes: 64 * 1024 * 1024,
  maxTotalBytes: 128 * 1024 * 1024,
};

const MAX_BYTES = 128 * 1024 * 1024;
const MAX_METADATA_BYTES = 256 * 1024;
const ARCHIVE = /\.(?:jar|war|ear)$/i;
const POM_PROPERTIES = /^META-INF\/maven\/[^/]+\/[^/]+\/pom\.properties$/;

export const java: Analyzer = {
  id: 'java',
  maxBytes: MAX_BYTES,
  wants: ({ path }) => ARCHIVE.test(path),
  analyze: async (file) => {
    if (file.truncated) return [truncatedFound('java', file.path, MAX_BYTES)];
    return analyzeJavaArchive(file.content, file.path);
  },
};

/** Packages of one archive and the archives directly inside it; bad content becomes diagnostics. */
export async function analyzeJavaArchive(
  content: Buffer,
  path: string,
  limits: JavaLimits = DEFAULT_JAVA_LIMITS,
): Promise<Found[]> {
  const budget = { remaining: limits.maxTotalBytes };
  const found: Found[] = [];
  await readArchive(content, path, limits, budget, found, true);
  return found;
}

class OverBudget extends Error {}

/**
 * Adds the archive's packages to `found`, then, for the outer archive, those of each archive nested in it: each
 * nested one is read and analyzed in turn, so at most one is held in memory.
 */
async function readArchive(
  content: Buffer,
  location: string,
  limits: JavaLimits,
  budget: { remaining: number },
  found: Found[],
  isTop: boolean,
): Promise<void> {
  const nestedFound: Found[] = [];
  const packages: Package[] = [];
  let manifest: Package | undefined;
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(content);
  } catch (err) {
    found.push(
      diagnosticFound(
        'java-archive-unreadable',
        location,
        `not a readable zip archive (${(err as Error).message})`,
      ),
    );
    return;
  }
  try {
    if (zip.entryCount > limits.maxEntries) {
      found.push(
        diagnosticFound(
          'java-archive-too-many-entries',
          location,
          `lists ${zip.entryCount} entries, over ${limits.maxEntries}; not read`,
        ),
      );
      return;
    }
    for (;;) {
      const entry = await nextEntry(zip);
      if (entry === undefined) break;
      const name = entryName(entry);
      const where = `${location}!${name}`;
      if (POM_PROPERTIES.test(name) || name === 'META-INF/MANIFEST.MF') {
        const bytes = await readEntry(zip, entry, MAX_METADATA_BYTES, budget);
        if (name === 'META-INF/MANIFEST.MF') {
          manifest = packageFromManifest(parseManifest(bytes.toString('utf8')), location);
        } else {
          const pkg = packageFromPomProperties(parseProperties(bytes.toString('utf8')), location);
          if (pkg === undefined)
            found.push(
              diagnosticFound('java-pom-properties-incomplete', where, 'no groupId, artifactId or version'),
            );
          else packages.push(pkg);
        }
      } else if (isTop && ARCHIVE.test(name) && !name.endsWith('/')) {
        if (entry.uncompressedSize > limits.maxNestedBytes) {
          found.push(
            diagnosticFound(
              'java-nested-archive-too-large',
              where,
              `declares ${entry.uncompressedSize} bytes, over ${limits.maxNestedBytes}; not read`,
            ),
          );
          continue;
        }
        let inner: Buffer;
        try {
          inner = await readEntry(zip, entry, limits.maxNestedBytes, budget);
        } catch (err) {
          if (err instanceof OverBudget) throw err;
          nestedFound.push(
            diagnosticFound('java-archive-damaged', where, `not read (${(err as Error).message})`),
          );
          continue;
        }
        await readArchive(inner, where, limits, budget, nestedFound, false);
      }
    }
  } catch (err) {
    const message =
      err instanceof OverBudget
        ? `inflates to more than ${limits.maxTotalBytes} bytes with its nested archives; the rest not read`
        : `damaged (${(err as Error).message}); the rest not read`;
    found.push(
      diagnosticFound(
        err instanceof OverBudget ? 'java-archive-too-large' : 'java-archive-damaged',
        location,
        message,
      ),
    );
  } finally {
    zip.close();
  }
  // pom.properties names artifacts exactly; the manifest is the fallback for archives Maven did not build.
  const own = packages.length > 0 ? packages : manifest === undefined ? [] : [manifest];
  for (const pkg of own) found.push({ kind: 'package', package: pkg });
  found.push(...nestedFound);
}

function openZip(content: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(
      content,
      { lazyEntries: true, validateEntrySizes: true, decodeStrings: false },
      (err, zip) => (err || zip === undefined ? reject(err ?? new Error('no archive')) : resolve(zip)),
    );
  });
}

/** Names are read raw: a hostile name (`../x`) is harmless since nothing is written, and yauzl would refuse it. */
function entryName(entry: yauzl.Entry): string {
  const raw = entry.fileName as unknown as Buffer | string;
  return typeof raw === 'string' ? raw : raw.toString('utf8');
}

function nextEntry(zip: yauzl.ZipFile): Promise<yauzl.Entry | undefined> {
  return new Promise((resolve, reject) => {
    const onEntry = (entry: yauzl.Entry) => settle(() => resolve(entry));
    const onEnd = () => settle(() => resolve(undefined));
    const onError = (err: Error) => settle(() => reject(err));
    function settle(then: () => void): void {
      zip.off('entry', onEntry);
      zip.off('end', onEnd);
      zip.off('error', onError);
      then();
    }
    zip.on('entry', onEntry);
    zip.on('end', onEnd);
    zip.on('error', onError);
    zip.readEntry();
  });
}

/** Inflates one entry, stopping at `maxBytes` or when the archive's total budget runs out. */
function readEntry(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  maxBytes: number,
  budget: { remaining: number },
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err || stream === undefined) {
        reject(err ?? new Error('no stream'));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        budget.remaining -= chunk.length;
        if (budget.remaining < 0) {
          stream.destroy(new OverBudget());
          return;
        }
        if (size > maxBytes) {
          stream.destroy(new Error(`an entry inflates to more than ${maxBytes} bytes`));
          return;
        }
        chunks.push(chunk);
      });
      stream.on('error', reject);
      stream.on('end', () => resolve(Buffer.concat(chunks)));
    });
  });
}
