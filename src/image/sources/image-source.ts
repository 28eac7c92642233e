// The ImageSource seam (ARCHITECTURE.md): where an image comes from — the engine, a `docker save` archive, an OCI
// layout — opened into its configuration and layer streams. One file per source, listed in this folder's index.
import type { Readable } from 'node:stream';

/** The parts of an OCI / Docker image configuration Coastguard reads (image-spec config.md). */
export interface ImageConfig {
  readonly architecture?: string;
  readonly os?: string;
  readonly created?: string;
  readonly config?: {
    readonly User?: string;
    readonly Env?: readonly string[] | null;
    readonly Labels?: Readonly<Record<string, string>> | null;
    readonly Entrypoint?: readonly string[] | null;
    readonly Cmd?: readonly string[] | null;
  };
  readonly rootfs?: { readonly type?: string; readonly diff_ids?: readonly string[] };
  readonly history?: readonly {
    readonly created?: string;
    readonly created_by?: string;
    readonly empty_layer?: boolean;
    readonly comment?: string;
  }[];
}

export interface LayerBlob {
  /** The uncompressed layer's digest (rootfs.diff_ids). */
  readonly diffId: string;
  /** Where the bytes are, for messages: the file inside the archive or layout. */
  readonly name: string;
  /** Compressed or not: the walker looks at the first bytes, not at a media type. */
  open(): Readable;
  /** Bytes as stored (compressed), when known. */
  readonly size?: number;
}

export interface ImageHandle {
  /** As the user named it. */
  readonly ref: string;
  /** The image id: the config's digest, `sha256:...`. */
  readonly imageId: string;
  /** Repository tags the source knows for it. */
  readonly tags: readonly string[];
  readonly config: ImageConfig;
  /** Bottom first, one per rootfs.diff_ids entry. */
  readonly layers: readonly LayerBlob[];
  /** Removes the private temporary copy, if the source made one. */
  close(): Promise<void>;
}

export interface OpenImageOptions {
  readonly signal?: AbortSignal;
  /** Bytes an archive may hold in all; beyond it the open fails (default 16 GiB). */
  readonly maxArchiveBytes?: number;
  /** Progress for long copies, in bytes read so far. */
  readonly onProgress?: (bytes: number) => void;
}

export interface ImageSource {
  readonly id: string;
  /** The reference prefix that names this source explicitly, e.g. `oci:`. */
  readonly prefix: string;
  open(ref: string, options?: OpenImageOptions): Promise<ImageHandle>;
}
