// The Analyzer seam (ARCHITECTURE.md): one file per analyzer, listed in this folder's index.
import type { Diagnostic } from '../../core/diagnostic.js';
import type { LayerFile, LayerFileInfo } from '../../core/image/layer-file.js';
import type { Package } from '../../core/package/package.js';

/** The distribution an image is built on, from /etc/os-release (os-release(5)). */
export interface OsRelease {
  /** `ID`, e.g. `debian`, `alpine`. */
  readonly id: string;
  /** `VERSION_ID`, e.g. `12`, `3.19.1`. */
  readonly versionId?: string;
  readonly prettyName?: string;
}

/** A secret found in a layer or the image config: never its value, only a short hash of it. */
export interface SecretFound {
  /** e.g. `private-key`, `aws-access-key-id`, `github-token`, `password-in-env`. */
  readonly type: string;
  /** The file (or `config:Env[NAME]` for the image configuration). */
  readonly path: string;
  /** First 12 hex digits of SHA-256 of the secret value. */
  readonly hash: string;
  /** 1-based line in the file, when found in one. */
  readonly line?: number;
}

export type Found =
  | { readonly kind: 'package'; readonly package: Package }
  | { readonly kind: 'os'; readonly os: OsRelease }
  | { readonly kind: 'secret'; readonly secret: SecretFound }
  | { readonly kind: 'diagnostic'; readonly diagnostic: Diagnostic };

export interface Analyzer {
  readonly id: string;
  /** Bytes of a wanted file the walker hands over at most (content beyond is cut, `truncated` set). */
  readonly maxBytes: number;
  /** Decided on path, size and mode alone, before any content is read: keep it cheap. */
  wants(info: LayerFileInfo): boolean;
  /** Pure: what this one version of the file holds. Bad content gives diagnostics, never a throw. */
  analyze(file: LayerFile): Promise<Found[]>;
}
