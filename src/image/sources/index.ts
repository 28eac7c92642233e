// The image sources, and which one a reference names: `docker-archive:PATH`, `oci:PATH` (a layout directory or
// tar), `registry:HOST/REPO[:TAG]` (the Distribution API v2), `engine:NAME`; a reference without a prefix is looked
// up in the local engine, and when the engine has no such image and the reference names a registry host
// (`HOST.DOMAIN/…`, `HOST:PORT/…`, `localhost/…`, as Docker tells a host from a Docker Hub user), in that registry.
import { isNotFound } from '../../collect/docker/engine-client.js';
import { CoastguardError, isCoastguardError } from '../../core/errors.js';
import { createRegistry } from '../../core/registry.js';
import { dockerArchive } from './docker-archive.js';
import { engine } from './engine.js';
import type { ImageHandle, ImageSource, OpenImageOptions } from './image-source.js';
import { ociLayout } from './oci-layout.js';
import { registry } from './registry.js';

export const imageSources = createRegistry(
  'image source',
  { engine, 'docker-archive': dockerArchive, 'oci-layout': ociLayout, registry },
  (source: ImageSource) => source.id,
);

export function sourceFor(ref: string): ImageSource {
  return Object.values(imageSources).find((source) => ref.startsWith(source.prefix)) ?? imageSources.engine;
}

export async function openImage(ref: string, options?: OpenImageOptions): Promise<ImageHandle> {
  const source = sourceFor(ref);
  const remote = source === imageSources.engine ? registryFallbackFor(ref) : undefined;
  if (remote === undefined) return source.open(ref, options);
  try {
    return await source.open(ref, options);
  } catch (err) {
    if (!(isCoastguardError(err) && isNotFound(err.cause))) throw err;
  }
  try {
    return await imageSources.registry.open(remote, options);
  } catch (err) {
    if (!isCoastguardError(err)) throw err;
    const message = `No image ${ref} in the Docker engine, nor from its registry: ${err.message}`;
    throw new CoastguardError(err.code, message, { cause: err });
  }
}

const DOCKER_HUB = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

/** `registry:REF` when a plain reference starts with a registry host; Docker Hub names are not looked up. */
export function registryFallbackFor(ref: string): string | undefined {
  if (ref.startsWith(imageSources.engine.prefix)) return undefined;
  const slash = ref.indexOf('/');
  if (slash <= 0) return undefined;
  const first = ref.slice(0, slash);
  if (DOCKER_HUB.has(first) || first.includes('@')) return undefined;
  return first.includes('.') || first.includes(':') || first === 'localhost' ? `registry:${ref}` : undefined;
}

export type { ImageConfig, ImageHandle, ImageSource, LayerBlob, OpenImageOptions } from './image-source.js';
