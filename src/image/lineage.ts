// Lineage: which of an image's layers are its base image's, and so whether a vulnerable package's fix comes from
// rebuilding on an updated base (`base`) or from the application's own layers (`application`).
import type { FixedBy } from '../core/image/image-scan.js';

export interface CandidateBase {
  /** A name for it: its first tag, else its id. */
  readonly ref: string;
  readonly id: string;
  /** Its layer chain, bottom first (diff ids). */
  readonly layers: readonly string[];
}

/**
 * The candidate whose whole layer chain is the longest proper prefix of `layers` (an image is not its own base).
 * `preferred` (the `org.opencontainers.image.base.name` label) wins when it names a candidate that fits.
 */
export function findBaseImage(
  layers: readonly string[],
  candidates: readonly CandidateBase[],
  preferred?: string,
): CandidateBase | undefined {
  const fits = candidates.filter(
    (c) =>
      c.layers.length > 0 && c.layers.length < layers.length && c.layers.every((d, i) => d === layers[i]),
  );
  const named = preferred === undefined ? undefined : fits.find((c) => c.ref === preferred);
  return named ?? fits.sort((a, b) => b.layers.length - a.layers.length || a.ref.localeCompare(b.ref))[0];
}

export function fixedByOf(fixedVersion: string | undefined, layerIndex: number, baseLayers: number): FixedBy {
  if (fixedVersion === undefined) return 'none';
  return layerIndex >= 0 && layerIndex < baseLayers ? 'base' : 'application';
}
