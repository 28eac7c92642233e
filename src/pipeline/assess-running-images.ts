// The host scan's image step: every distinct image of a running container is scanned (layers, packages, secrets,
// vulnerabilities) once per image and vulnerability database: a kept result is reused while neither changed, so a
// host of two hundred containers on three images scans three images, and the next day's scan none until the
// database is updated. The results are judged into check results of the assessment.
import {
  type DatabaseState,
  judgeRunningImages,
  type RunningImage,
} from '../checks/running-images/judge-running-images.js';
import type { CollectProgress } from '../core/collector.js';
import type { ImagePolicy } from '../core/image/image-policy.js';
import type { Snapshot } from '../core/inventory/snapshot.js';
import type { CheckResult } from '../core/result/check-result.js';
import type { Store } from '../store/index.js';
import { imageNames, withPolicy } from './image-policy.js';
import { keptOrScan, keptScanFingerprint } from './kept-image-scans.js';

export interface RunningImagesOptions {
  home: string;
  store: Store;
  progress?: CollectProgress;
  signal?: AbortSignal;
  /** Older databases fail coverage (default 7 days). */
  maxDatabaseAgeDays?: number;
  /** Each image is also judged against it, under the name its containers use. */
  policy?: ImagePolicy;
  now?: () => Date;
}

const DAY_MS = 86_400_000;

export async function assessRunningImages(
  snapshot: Snapshot,
  options: RunningImagesOptions,
): Promise<CheckResult[]> {
  // Scans of images the engine no longer has will never be read again.
  await options.store.imageScans.forgetAllBut(new Set(snapshot.images.map((i) => i.id)));
  const running = snapshot.containers.filter((c) => c.state === 'running');
  if (running.length === 0) return [];
  const now = options.now ?? (() => new Date());
  const sources = await options.store.advisories.listSources();
  const fingerprint = keptScanFingerprint(sources);
  const newest = Math.max(0, ...sources.map((s) => Date.parse(s.importedAt)));
  const db: DatabaseState = {
    isEmpty: sources.length === 0,
    ageDays: sources.length === 0 ? 0 : Math.floor((now().getTime() - newest) / DAY_MS),
    maxAgeDays: options.maxDatabaseAgeDays ?? 7,
  };
  const refs = new Map<string, string>();
  for (const c of running) if (!refs.has(c.imageId)) refs.set(c.imageId, c.image || c.imageId);
  const images = new Map<string, RunningImage>();
  let done = 0;
  for (const [imageId, ref] of refs) {
    options.progress?.step('images', done, refs.size);
    done += 1;
    try {
      const scan = await keptOrScan(options.store, imageId, fingerprint, {
        home: options.home,
        ...(options.signal === undefined ? {} : { signal: options.signal }),
        now,
      });
      images.set(imageId, { imageId, ref, scan });
    } catch (err) {
      // One unreadable image (removed mid-scan, a hostile layer) must not cost the whole host scan.
      images.set(imageId, { imageId, ref, error: err instanceof Error ? err.message : String(err) });
    }
  }
  const judged = judgeRunningImages(running, images, db);
  if (options.policy === undefined) return judged;
  const { policy } = options;
  const policyResults = [...images.values()].flatMap((image) =>
    image.scan === undefined
      ? []
      : (withPolicy(image.scan, policy, imageNames(image.ref, image.scan.image.tags)).policy ?? []),
  );
  return [...judged, ...policyResults];
}
