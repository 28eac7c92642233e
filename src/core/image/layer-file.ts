// The hand-off between layer walking and package analysis: what a walker yields for each file an analyzer wants,
// layer by layer, oldest first. Analysis is by file, so no image is ever unpacked to disk.

/** One layer of an image, in the order the image applies them (0 = bottom). */
export interface LayerRef {
  readonly index: number;
  /** The uncompressed layer's digest (`rootfs.diff_ids` entry), `sha256:...`. */
  readonly diffId: string;
  /** The history entry's `created_by` that made this layer, when the image records it. */
  readonly createdBy?: string;
}

/** What an analyzer sees before any content is read: enough to decide whether it wants the file. */
export interface LayerFileInfo {
  /** Normalized: relative to the image root, no leading `/`, no `.` or `..` segments. */
  readonly path: string;
  readonly size: number;
  /** Unix permission bits (e.g. 0o755). */
  readonly mode: number;
}

/** A regular file as one layer wrote it. */
export interface LayerFile extends LayerFileInfo {
  readonly kind: 'file';
  readonly layer: LayerRef;
  /** At most the analyzer's `maxBytes`; `truncated` says whether the file was longer. */
  readonly content: Buffer;
  readonly truncated: boolean;
}

/**
 * A wanted path removed by a layer (a whiteout `.wh.NAME`, or an opaque directory `.wh..wh..opq` hiding it), or
 * replaced by something that is not a regular file.
 */
export interface LayerFileRemoval {
  readonly kind: 'removed';
  readonly path: string;
  readonly layer: LayerRef;
}

export type LayerFileEvent = LayerFile | LayerFileRemoval;
