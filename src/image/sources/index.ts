// The image sources, and which one a reference names: `docker-archive:PATH`, `oci:PATH` (a layout directory or
// tar), `registry:HOST/REPO[:TAG]` (the Distribution API v2), `engine:NAME`; a reference without a prefix is looked
// up in the local engine.
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

export function openImage(ref: string, options?: OpenImageOptions): Promise<ImageHandle> {
  return sourceFor(ref).open(ref, options);
}

export type { ImageConfig, ImageHandle, ImageSource, LayerBlob, OpenImageOptions } from './image-source.js';
