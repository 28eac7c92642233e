// An OCI image layout (image-spec image-layout.md), as a directory or a tar of one: index.json → (nested
// indexes →) a manifest for the wanted platform → config and layer blobs under blobs/<alg>/<hex>.
import { createReadStream } from 'node:fs';
import { lstat, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { CoastguardError } from '../../core/errors.js';
import { type ExtractedArchive, extractArchive, normalizeArchivePath } from './extract-archive.js';
import { imageFromArchive } from './image-from-files.js';
import type { ImageHandle, ImageSource, OpenImageOptions } from './image-source.js';
import { isRecord, readJsonFile } from './read-json-file.js';

const PREFIX = 'oci:';

const DIGEST = /^(sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/;
const INDEX_TYPES = new Set([
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
]);
/** Nested indexes deeper than this are refused (a loop, or hostile). */
const MAX_INDEX_DEPTH = 4;
const REF_NAME = 'org.opencontainers.image.ref.name';

export interface Platform {
  readonly os: string;
  readonly architecture: string;
}

/** The platform an image is picked for when an index offers several: this machine's. */
export function hostPlatform(): Platform {
  const architecture = { x64: 'amd64', arm64: 'arm64', arm: 'arm', ppc64: 'ppc64le', s390x: 's390x' }[
    process.arch as string
  ];
  return { os: 'linux', architecture: architecture ?? process.arch };
}

export const ociLayout: ImageSource = {
  id: 'oci-layout',
  prefix: PREFIX,
  async open(ref, options = {}) {
    const path = ref.startsWith(PREFIX) ? ref.slice(PREFIX.length) : ref;
    const info = await lstat(path).catch((err: unknown) => {
      throw new CoastguardError('BAD_INPUT', `${path}: cannot be read (${(err as Error).message})`, {
        cause: err,
      });
    });
    const archive = info.isDirectory()
      ? await directoryArchive(path)
      : await extractArchive(createReadStream(path), path, archiveOptions(options));
    try {
      return await imageInLayout(archive, ref, path);
    } catch (err) {
      await archive.close();
      throw err;
    }
  },
};

function archiveOptions(options: OpenImageOptions) {
  return {
    ...(options.maxArchiveBytes === undefined ? {} : { maxBytes: options.maxArchiveBytes }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
  };
}

/** A layout directory read in place: names resolve inside it only, and to regular files only. */
async function directoryArchive(dir: string): Promise<ExtractedArchive> {
  const root = await realpath(dir);
  return {
    dir: root,
    async locate(name) {
      const clean = normalizeArchivePath(name);
      if (clean === undefined) return undefined;
      const real = await realpath(join(root, ...clean.split('/'))).catch(() => undefined);
      if (real === undefined || !real.startsWith(`${root}/`)) return undefined;
      return (await lstat(real)).isFile() ? real : undefined;
    },
    close: async () => {},
  };
}

async function imageInLayout(archive: ExtractedArchive, ref: string, label: string): Promise<ImageHandle> {
  const read = async (name: string, what: string) => {
    const file = await archive.locate(name);
    if (file === undefined) throw new CoastguardError('BAD_INPUT', `${label}: ${what} ${name} is missing`);
    return (await readJsonFile(file, `${label}: ${name}`)).value;
  };
  const layout = await read('oci-layout', 'the layout marker').catch(() => undefined);
  if (!isRecord(layout) || typeof layout.imageLayoutVersion !== 'string') {
    throw new CoastguardError('BAD_INPUT', `${label}: no valid oci-layout file; not an OCI image layout`);
  }
  let node: unknown = await read('index.json', 'the index');
  let tags: string[] = [];
  for (let depth = 0; ; depth += 1) {
    if (depth > MAX_INDEX_DEPTH) throw new CoastguardError('BAD_INPUT', `${label}: indexes nest too deep`);
    if (!isRecord(node) || !Array.isArray(node.manifests)) break;
    const chosen = pickManifest(node.manifests.filter(isRecord), hostPlatform());
    if (chosen === undefined) {
      throw new CoastguardError('BAD_INPUT', `${label}: no manifest for ${describe(hostPlatform())}`);
    }
    const name = annotation(chosen, REF_NAME);
    if (name !== undefined) tags = [name];
    node = await read(blobPath(chosen.digest, label), 'the manifest');
    if (!INDEX_TYPES.has(String(chosen.mediaType)) && !(isRecord(node) && Array.isArray(node.manifests)))
      break;
  }
  if (!isRecord(node) || !isRecord(node.config) || !Array.isArray(node.layers)) {
    throw new CoastguardError('BAD_INPUT', `${label}: the manifest has no config or layers`);
  }
  const configPath = blobPath(node.config.digest, label);
  const layerPaths = node.layers.map((layer) => blobPath(isRecord(layer) ? layer.digest : undefined, label));
  return imageFromArchive({ ref, label, archive, configPath, layerPaths, tags });
}

function pickManifest(
  manifests: readonly Record<string, unknown>[],
  wanted: Platform,
): Record<string, unknown> | undefined {
  if (manifests.length === 1) return manifests[0];
  return (
    manifests.find((m) => {
      const p = isRecord(m.platform) ? m.platform : undefined;
      return p?.os === wanted.os && p?.architecture === wanted.architecture;
    }) ?? manifests.find((m) => !isRecord(m.platform))
  );
}

function annotation(descriptor: Record<string, unknown>, key: string): string | undefined {
  const value = isRecord(descriptor.annotations) ? descriptor.annotations[key] : undefined;
  return typeof value === 'string' ? value : undefined;
}

function blobPath(digest: unknown, label: string): string {
  if (typeof digest !== 'string' || !DIGEST.test(digest)) {
    throw new CoastguardError('BAD_INPUT', `${label}: "${String(digest)}" is not a valid digest`);
  }
  const [alg, hex] = digest.split(':');
  return `blobs/${alg}/${hex}`;
}

function describe(platform: Platform): string {
  return `${platform.os}/${platform.architecture}`;
}
