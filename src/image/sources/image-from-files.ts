// The part every archive-backed source shares: given the config file and the layer files inside an unpacked
// archive, check they agree (one layer per diff id) and hand out the ImageHandle.
import { CoastguardError } from '../../core/errors.js';
import type { ExtractedArchive } from './extract-archive.js';
import type { ImageConfig, ImageHandle, LayerBlob } from './image-source.js';
import { openLayerFile } from './open-layer-file.js';
import { isRecord, readJsonFile, stringArray } from './read-json-file.js';

export interface ArchiveImage {
  readonly ref: string;
  readonly label: string;
  readonly archive: ExtractedArchive;
  readonly configPath: string;
  readonly layerPaths: readonly string[];
  readonly tags: readonly string[];
}

export async function imageFromArchive(image: ArchiveImage): Promise<ImageHandle> {
  const { archive, label } = image;
  const configFile = await archive.locate(image.configPath);
  if (configFile === undefined) {
    throw new CoastguardError('BAD_INPUT', `${label}: the image config ${image.configPath} is missing`);
  }
  const { value, digest } = await readJsonFile(configFile, `${label}: ${image.configPath}`);
  if (!isRecord(value)) throw new CoastguardError('BAD_INPUT', `${label}: the image config is not an object`);
  const config = value as ImageConfig;
  const diffIds = stringArray(config.rootfs?.diff_ids) ?? [];
  if (diffIds.length !== image.layerPaths.length) {
    throw new CoastguardError(
      'BAD_INPUT',
      `${label}: the manifest lists ${image.layerPaths.length} layers but the config ${diffIds.length}`,
    );
  }
  const layers: LayerBlob[] = [];
  for (const [index, name] of image.layerPaths.entries()) {
    const file = await archive.locate(name);
    if (file === undefined) throw new CoastguardError('BAD_INPUT', `${label}: layer ${name} is missing`);
    layers.push({
      diffId: diffIds[index] ?? '',
      name: `${label}: ${name}`,
      open: () => openLayerFile(file),
    });
  }
  return {
    ref: image.ref,
    imageId: digest,
    tags: image.tags,
    config,
    layers,
    close: () => archive.close(),
  };
}
