// Lineage candidates for an image: the engine's other images, and, for an image read from a registry, the image its
// `org.opencontainers.image.base.name` label names in that same registry (manifest and config only) when the engine
// has no image of that name. Neither rejects: a base that cannot be looked up is a warning, and fixedBy then treats
// every layer as the application's.
import {
  closeEngineClient,
  createEngineClient,
  type EngineClient,
  requestEngine,
} from '../collect/docker/engine-client.js';
import { type CandidateBase, findBaseImage } from '../image/lineage.js';
import { type ImageHandle, registryFallbackFor } from '../image/sources/index.js';
import {
  isSha256Digest,
  parseRegistryReference,
  REGISTRY_PREFIX,
} from '../image/sources/registry/reference.js';
import { describeRegistryImage, registrySettingsFromEnv } from '../image/sources/registry.js';

const BASE_NAME_LABEL = 'org.opencontainers.image.base.name';
/** The base's manifest digest, when the builder recorded it: the exact base even after its tag moved on. */
const BASE_DIGEST_LABEL = 'org.opencontainers.image.base.digest';
/** Image inspects in flight at once while looking for the base image. */
const INSPECTS_AT_ONCE = 8;

export interface BaseImageLookup {
  base?: CandidateBase;
  /** Why no base was found, when a lookup failed; empty once a base is found. */
  warnings: string[];
}

export async function findBaseImageOf(
  handle: ImageHandle,
  diffIds: readonly string[],
  signal?: AbortSignal,
): Promise<BaseImageLookup> {
  const labels = handle.config.config?.Labels ?? {};
  const named = labels[BASE_NAME_LABEL]?.trim() || undefined;
  const engine = await engineCandidates(handle);
  const candidates = [...engine.candidates];
  const warnings = engine.warning === undefined ? [] : [engine.warning];
  if (named !== undefined && !candidates.some((c) => c.ref === named)) {
    const labelled = await registryCandidate(named, labels[BASE_DIGEST_LABEL]?.trim(), handle.ref, signal);
    if (labelled.candidate !== undefined) candidates.push(labelled.candidate);
    if (labelled.warning !== undefined) warnings.push(labelled.warning);
  }
  const base = findBaseImage(diffIds, candidates, named);
  if (base !== undefined) return { base, warnings: [] };
  const labelled = candidates.find((c) => c.ref === named);
  if (labelled !== undefined) {
    warnings.push(
      `The base image ${named} (label ${BASE_NAME_LABEL}) does not match this image's first layers: it has changed since this image was built, or the label is wrong.`,
    );
  }
  return { warnings };
}

/** Every other image in the engine with its layer chain; none, with a warning, when the engine cannot be asked. */
async function engineCandidates(
  handle: ImageHandle,
): Promise<{ candidates: CandidateBase[]; warning?: string }> {
  let client: EngineClient | undefined;
  try {
    client = await createEngineClient();
    const engine = client;
    const images = (
      await requestEngine<{ Id: string; RepoTags?: string[] | null }[]>(engine, '/images/json')
    ).filter((image) => image.Id !== handle.imageId);
    // Each image's layer chain needs its own inspect: a few at a time, not one after another.
    const candidates: CandidateBase[] = [];
    for (let at = 0; at < images.length; at += INSPECTS_AT_ONCE) {
      const batch = images.slice(at, at + INSPECTS_AT_ONCE);
      const inspected = await Promise.all(
        batch.map((image) =>
          requestEngine<{ RootFS?: { Layers?: string[] } }>(
            engine,
            `/images/${encodeURIComponent(image.Id)}/json`,
          ),
        ),
      );
      batch.forEach((image, i) => {
        const tag = (image.RepoTags ?? []).find((t) => t !== '<none>:<none>');
        candidates.push({ ref: tag ?? image.Id, id: image.Id, layers: inspected[i]?.RootFS?.Layers ?? [] });
      });
    }
    return { candidates };
  } catch (err) {
    return {
      candidates: [],
      warning: `No base image lineage: the engine's images could not be listed (${reason(err)}); fixedBy treats every layer as the application's.`,
    };
  } finally {
    if (client !== undefined) closeEngineClient(client);
  }
}

/**
 * The labelled base (by its digest label when there is one), when the image itself was read from a registry and
 * the label names an image in that same registry. The label is the image's say, not the user's: following it to
 * any other host would let an image being vetted make the scanner connect where it likes, with the credentials
 * meant for the user's registry.
 */
async function registryCandidate(
  name: string,
  digest: string | undefined,
  scannedRef: string,
  signal: AbortSignal | undefined,
): Promise<{ candidate?: CandidateBase; warning?: string }> {
  if (!scannedRef.startsWith(REGISTRY_PREFIX)) return {};
  const { host } = parseRegistryReference(scannedRef);
  try {
    const ref = registryFallbackFor(name);
    const base = ref === undefined ? undefined : parseRegistryReference(ref);
    if (ref === undefined || base?.host !== host) {
      return {
        warning: `The base image ${name} (label ${BASE_NAME_LABEL}) is not in ${host}, the registry the image came from; only that registry is asked.`,
      };
    }
    const exact =
      digest !== undefined && isSha256Digest(digest)
        ? `${REGISTRY_PREFIX}${host}/${base.repository}@${digest}`
        : ref;
    const image = await describeRegistryImage(exact, registrySettingsFromEnv(host), signal);
    return { candidate: { ref: name, id: image.imageId, layers: image.diffIds } };
  } catch (err) {
    return {
      warning: `The base image ${name} (label ${BASE_NAME_LABEL}) could not be read from ${host}: ${reason(err)}.`,
    };
  }
}

function reason(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
