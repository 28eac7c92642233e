// Image policy as coastguard.yaml states it (`imagePolicy:`): which registries and base images are approved, which
// packages are denied or (for the application's own layers) approved, and the vulnerability gate.
import type { Severity } from '../result/severity.js';

export interface ImagePolicy {
  /** Globs over full repository names (`registry.example.com/team/*`; Docker Hub is `docker.io/library/nginx`). */
  readonly allowedRegistries?: readonly string[];
  /** Globs over the base image's full name and tag (`registry.example.com/base/debian:12*`). */
  readonly approvedBaseImages?: readonly string[];
  readonly packages?: {
    /** purl globs (qualifiers ignored): any package matching one fails the image. */
    readonly deny?: readonly string[];
    /** purl globs: when given, every package of the application's own layers must match one. */
    readonly allow?: readonly string[];
  };
  /** A vulnerability at or above this severity with a published fix fails the image. */
  readonly failOn?: Severity;
}

/** Docker's reference normalization: `nginx:1` → `docker.io/library/nginx:1`; `host:5000/x` keeps its registry. */
export function normalizeImageName(ref: string): string {
  const [first, ...rest] = ref.split('/');
  const isRegistry =
    rest.length > 0 && (first?.includes('.') || first?.includes(':') || first === 'localhost');
  if (isRegistry) return ref;
  return rest.length === 0 ? `docker.io/library/${ref}` : `docker.io/${ref}`;
}

/** The repository part of a normalized name: without `:tag` or `@digest`. */
export function repositoryOf(normalized: string): string {
  const at = normalized.indexOf('@');
  const withoutDigest = at < 0 ? normalized : normalized.slice(0, at);
  const slash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  return colon > slash ? withoutDigest.slice(0, colon) : withoutDigest;
}
