// An installed package as an analyzer found it: the hand-off between image analysis and vulnerability matching.
import type { Ecosystem } from './ecosystem.js';

export interface Package {
  readonly ecosystem: Ecosystem;
  /** As the package database spells it: the binary package for OS packages, `@scope/name` for npm. */
  readonly name: string;
  readonly version: string;
  /**
   * The source package it was built from, where the format records one (dpkg `Source:`, apk `o:`). Debian and
   * Alpine advisories name source packages, so matching goes through this name.
   */
  readonly sourceName?: string;
  /** The source package's version when it differs from `version` (binNMUs such as `1.10.0-3+b1`). */
  readonly sourceVersion?: string;
  readonly arch?: string;
  /** Package URL (github.com/package-url/purl-spec). */
  readonly purl?: string;
  /** A development-only dependency (npm `dev: true`). */
  readonly isDev?: boolean;
  /** Where it was found inside the image or tree, e.g. `node_modules/mkdirp/node_modules/minimist`. */
  readonly location?: string;
  /** Digest of the layer that brought it, once the analyzer runs over layers. */
  readonly layer?: string;
}
