// A `docker save` archive: manifest.json lists each image's config and layer files, in the legacy layout
// (`<id>/layer.tar`, `<id>.json`) or, from Docker 25, as an OCI layout inside (`blobs/sha256/...`). Both are read
// through manifest.json, which both carry.
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { CoastguardError } from '../../core/errors.js';
import { type ExtractedArchive, extractArchive } from './extract-archive.js';
import { imageFromArchive } from './image-from-files.js';
import type { ImageHandle, ImageSource, OpenImageOptions } from './image-source.js';
import { isRecord, readJsonFile, stringArray } from './read-json-file.js';

const PREFIX = 'docker-archive:';

export const dockerArchive: ImageSource = {
  id: 'docker-archive',
  prefix: PREFIX,
  async open(ref, options = {}) {
    const path = ref.startsWith(PREFIX) ? ref.slice(PREFIX.length) : ref;
    return openDockerSave(createReadStream(path), ref, path, options);
  },
};

/** Reads a `docker save` stream (a file, or the engine's export), picking the image tagged `wanted` if given. */
export async function openDockerSave(
  input: Readable,
  ref: string,
  label: string,
  options: OpenImageOptions & { wanted?: string } = {},
): Promise<ImageHandle> {
  const archive = await extractArchive(input, label, {
    ...(options.maxArchiveBytes === undefined ? {} : { maxBytes: options.maxArchiveBytes }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
  });
  try {
    return await imageInSave(archive, ref, label, options.wanted);
  } catch (err) {
    await archive.close();
    throw err;
  }
}

async function imageInSave(
  archive: ExtractedArchive,
  ref: string,
  label: string,
  wanted: string | undefined,
): Promise<ImageHandle> {
  const manifestFile = await archive.locate('manifest.json');
  if (manifestFile === undefined) {
    throw new CoastguardError('BAD_INPUT', `${label}: no manifest.json; not a docker save archive`);
  }
  const { value } = await readJsonFile(manifestFile, `${label}: manifest.json`);
  const entries = Array.isArray(value) ? value.filter(isRecord) : [];
  if (entries.length === 0) throw new CoastguardError('BAD_INPUT', `${label}: manifest.json lists no image`);
  const entry =
    (wanted === undefined ? undefined : entries.find((e) => stringArray(e.RepoTags)?.includes(wanted))) ??
    entries[0];
  const configPath = typeof entry?.Config === 'string' ? entry.Config : undefined;
  const layerPaths = stringArray(entry?.Layers);
  if (configPath === undefined || layerPaths === undefined) {
    throw new CoastguardError('BAD_INPUT', `${label}: manifest.json has no Config or Layers`);
  }
  return imageFromArchive({
    ref,
    label,
    archive,
    configPath,
    layerPaths,
    tags: stringArray(entry?.RepoTags) ?? [],
  });
}
