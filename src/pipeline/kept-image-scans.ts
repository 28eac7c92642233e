// Image scans kept in the store, one per image and vulnerability database: an image is scanned once until the
// database or Coastguard changes, so a host of two hundred containers on three images scans three images, and
// `affected` or the next day's scan reuse them. Shared by the host scan's image step and `coastguard affected`.
import { createHash } from 'node:crypto';
import type { ImageScanResult } from '../core/image/image-scan.js';
import type { AdvisorySourceStatus } from '../core/result/vulnerability.js';
import type { Store } from '../store/index.js';
import { TOOL } from './tool-version.js';

/** What a kept scan depends on besides the image: the imported sources, and the version that judged them. */
export function keptScanFingerprint(sources: readonly AdvisorySourceStatus[]): string {
  return createHash('sha256')
    .update(
      JSON.stringify([
        TOOL.version,
        ...sources.map((s) => [s.id, s.importedAt, String(s.recordCount)]).sort(),
      ]),
    )
    .digest('hex');
}

export interface KeptScanOptions {
  home: string;
  signal?: AbortSignal;
  now?: () => Date;
}

/** The kept scan of an image (by id), else a fresh one, kept for next time. */
export async function keptOrScan(
  store: Store,
  imageId: string,
  fingerprint: string,
  options: KeptScanOptions,
): Promise<ImageScanResult> {
  const kept = await store.imageScans.find(imageId, fingerprint);
  if (kept !== undefined) return kept;
  // Loaded only when an image has no kept scan: the layer walker, analyzers and CVSS calculator are most of a
  // host scan's start-up, and on a host already scanned every image is kept.
  const { scanImage } = await import('./scan-image.js');
  const scan = await scanImage({
    ref: imageId,
    home: options.home,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.now === undefined ? {} : { now: options.now }),
  });
  await store.imageScans.keep(imageId, fingerprint, scan);
  return scan;
}
