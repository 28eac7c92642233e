// A registry over the Distribution HTTP API v2: `registry:HOST[:PORT]/REPOSITORY[:TAG|@sha256:DIGEST]`. The manifest
// (an index or list picks this machine's platform), the config and every layer are fetched by digest and checked
// against it; layers are streamed into a private temporary directory (mode 0700, removed on close) with their size
// bounded, then read like any other source's. Credentials: COASTGUARD_REGISTRY_USER/PASSWORD or docker login's;
// a private CA: COASTGUARD_REGISTRY_CA; plain HTTP: COASTGUARD_REGISTRY_INSECURE_HTTP=1, to loopback only; another
// platform than this machine's from an index: COASTGUARD_REGISTRY_PLATFORM=OS/ARCH[/VARIANT].
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoastguardError } from '../../core/errors.js';
import type { ImageConfig, ImageHandle, ImageSource, LayerBlob, OpenImageOptions } from './image-source.js';
import { openLayerFile } from './open-layer-file.js';
import { isRecord, stringArray } from './read-json-file.js';
import { RegistryClient } from './registry/client.js';
import { type Credentials, findCredentials } from './registry/credentials.js';
import { parsePlatform, pickPlatform, type WantedPlatform } from './registry/platform.js';
import { isSha256Digest, parseRegistryReference, REGISTRY_PREFIX } from './registry/reference.js';

const MANIFEST_TYPES = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
];
const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
const MAX_CONFIG_BYTES = 4 * 1024 * 1024;
/** All layers of one image together; a larger image is refused rather than filling the disk. */
const DEFAULT_MAX_IMAGE_BYTES = 16 * 1024 ** 3;

function digestOf(descriptor: unknown, what: string, label: string): string {
  const digest = isRecord(descriptor) ? descriptor.digest : undefined;
  if (typeof digest !== 'string' || !isSha256Digest(digest)) {
    throw new CoastguardError('BAD_INPUT', `${label}: the ${what} has no valid sha256 digest`);
  }
  return digest;
}

/** How to reach one registry; from the environment for the CLI, explicit in tests. */
export interface RegistrySettings {
  readonly credentials?: Credentials;
  /** A PEM file of extra trusted CAs. */
  readonly caFile?: string;
  /** Plain HTTP, refused unless the host is loopback. */
  readonly isPlainHttp: boolean;
  /** The platform to take from an index; this machine's by default. */
  readonly platform?: WantedPlatform;
}

export function registrySettingsFromEnv(
  host: string,
  env: NodeJS.ProcessEnv = process.env,
): RegistrySettings {
  const credentials = findCredentials(host, env);
  const caFile = env.COASTGUARD_REGISTRY_CA;
  const platform = env.COASTGUARD_REGISTRY_PLATFORM;
  return {
    ...(platform === undefined || platform === '' ? {} : { platform: parsePlatform(platform) }),
    ...(credentials === undefined ? {} : { credentials }),
    ...(caFile === undefined || caFile === '' ? {} : { caFile }),
    isPlainHttp: env.COASTGUARD_REGISTRY_INSECURE_HTTP === '1',
  };
}

export const registry: ImageSource = {
  id: 'registry',
  prefix: REGISTRY_PREFIX,
  open(ref, options = {}) {
    return openRegistryImage(ref, registrySettingsFromEnv(parseRegistryReference(ref).host), options);
  },
};

/** What a registry says of one image without its layers: enough for lineage (its layer chain) and for opening it. */
export interface RegistryImageDescription {
  /** The config's digest: the image id. */
  readonly imageId: string;
  /** `host/repository:tag`, or `host/repository` when named by digest. */
  readonly tag: string;
  readonly config: ImageConfig;
  /** Bottom first; as many as the manifest has layers. */
  readonly diffIds: readonly string[];
}

interface FetchedImage extends RegistryImageDescription {
  readonly client: RegistryClient;
  readonly label: string;
  /** The manifest's layer descriptors, bottom first. */
  readonly layers: readonly unknown[];
}

async function fetchManifestAndConfig(
  ref: string,
  settings: RegistrySettings,
  signal: AbortSignal | undefined,
): Promise<FetchedImage> {
  const parsed = parseRegistryReference(ref);
  const { platform, ...connection } = settings;
  const label = `${parsed.host}/${parsed.repository}${parsed.isDigest ? '@' : ':'}${parsed.reference}`;
  const client = new RegistryClient({
    host: parsed.host,
    repository: parsed.repository,
    label,
    ...connection,
    ...(signal === undefined ? {} : { signal }),
  });
  const manifestPath = (reference: string) => `/v2/${parsed.repository}/manifests/${reference}`;
  let manifest = await client.getJson(
    manifestPath(parsed.reference),
    MANIFEST_TYPES,
    MAX_MANIFEST_BYTES,
    parsed.isDigest ? parsed.reference : undefined,
  );
  if (isRecord(manifest.value) && Array.isArray(manifest.value.manifests)) {
    const digest = digestOf(
      pickPlatform(manifest.value.manifests, label, platform),
      'platform manifest',
      label,
    );
    manifest = await client.getJson(manifestPath(digest), MANIFEST_TYPES, MAX_MANIFEST_BYTES, digest);
  }
  const body = manifest.value;
  if (!isRecord(body) || !isRecord(body.config) || !Array.isArray(body.layers)) {
    throw new CoastguardError(
      'BAD_INPUT',
      `${label}: the manifest has no config or layers (schema 1 manifests are not read)`,
    );
  }
  const configDigest = digestOf(body.config, 'config', label);
  const config = (
    await client.getJson(
      `/v2/${parsed.repository}/blobs/${configDigest}`,
      ['*/*'],
      MAX_CONFIG_BYTES,
      configDigest,
    )
  ).value;
  if (!isRecord(config))
    throw new CoastguardError('BAD_INPUT', `${label}: the image config is not an object`);
  const diffIds = stringArray((config as ImageConfig).rootfs?.diff_ids) ?? [];
  if (diffIds.length !== body.layers.length) {
    throw new CoastguardError(
      'BAD_INPUT',
      `${label}: the manifest lists ${body.layers.length} layers but the config ${diffIds.length}`,
    );
  }
  const tag = parsed.isDigest
    ? `${parsed.host}/${parsed.repository}`
    : `${parsed.host}/${parsed.repository}:${parsed.reference}`;
  return {
    imageId: configDigest,
    tag,
    config: config as ImageConfig,
    diffIds,
    client,
    label,
    layers: body.layers,
  };
}

/** The manifest and config of an image in a registry, no layers fetched. */
export async function describeRegistryImage(
  ref: string,
  settings: RegistrySettings,
  signal?: AbortSignal,
): Promise<RegistryImageDescription> {
  const { imageId, tag, config, diffIds } = await fetchManifestAndConfig(ref, settings, signal);
  return { imageId, tag, config, diffIds };
}

export async function openRegistryImage(
  ref: string,
  settings: RegistrySettings,
  options: OpenImageOptions = {},
): Promise<ImageHandle> {
  const fetched = await fetchManifestAndConfig(ref, settings, options.signal);
  const { client, label, diffIds } = fetched;
  const dir = await mkdtemp(join(tmpdir(), 'coastguard-registry-'));
  try {
    let budget = options.maxArchiveBytes ?? DEFAULT_MAX_IMAGE_BYTES;
    const layers: LayerBlob[] = [];
    for (const [index, descriptor] of fetched.layers.entries()) {
      const digest = digestOf(descriptor, `layer ${index + 1}`, label);
      const file = join(dir, `${index}-${digest.slice(7)}`);
      const size = await client.download(digest, file, budget);
      budget -= size;
      options.onProgress?.((options.maxArchiveBytes ?? DEFAULT_MAX_IMAGE_BYTES) - budget);
      layers.push({
        diffId: diffIds[index] ?? '',
        name: `${label}: layer ${digest}`,
        size,
        open: () => openLayerFile(file),
      });
    }
    const handle: ImageHandle = {
      ref,
      imageId: fetched.imageId,
      tags: [fetched.tag],
      config: fetched.config,
      layers,
      close: () => rm(dir, { recursive: true, force: true }),
    };
    return handle;
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}
