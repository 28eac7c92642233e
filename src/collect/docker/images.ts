// Images with their configuration and layer history (`/images/json`, `/images/{id}/json`, `/images/{id}/history`).
// Each image is inspected once per scan, however many containers use it: the container collector asks the same
// cache for health checks the image defines.
import type { Image, ImageHistoryEntry } from '../../core/inventory/image.js';
import type { CollectionNote } from '../../core/inventory/snapshot.js';
import { mapConcurrent } from '../map-concurrent.js';
import { type EngineClient, EngineRequestError, isNotFound, requestEngine } from './engine-client.js';

/** The subset of `GET /images/{id}/json` we read. */
export interface ImageInspect {
  Id: string;
  RepoTags?: string[] | null;
  RepoDigests?: string[] | null;
  Created?: string;
  Size?: number;
  Config?: {
    User?: string;
    Env?: string[] | null;
    Labels?: Record<string, string> | null;
    ExposedPorts?: Record<string, unknown> | null;
    Healthcheck?: { Test?: string[] | null } | null;
  } | null;
  RootFS?: { Layers?: string[] | null } | null;
}

/** One entry of `GET /images/{id}/history`, newest first as the engine returns it. */
export interface ImageHistoryItem {
  Id?: string;
  Created?: number;
  CreatedBy?: string;
  Comment?: string;
  Size?: number;
}

interface ImageListItem {
  Id: string;
}

/** Inspects each image id at most once per scan; `undefined` when the image is gone. */
export interface ImageCache {
  inspect(id: string): Promise<ImageInspect | undefined>;
}

export function createImageCache(client: EngineClient, signal?: AbortSignal): ImageCache {
  const cache = new Map<string, Promise<ImageInspect | undefined>>();
  return {
    inspect(id) {
      let pending = cache.get(id);
      if (!pending) {
        pending = requestEngine<ImageInspect>(client, `/images/${encodeURIComponent(id)}/json`, {
          signal,
        }).catch((err: unknown) => {
          if (isNotFound(err)) return undefined;
          throw err;
        });
        cache.set(id, pending);
      }
      return pending;
    },
  };
}

export interface CollectImagesOptions {
  cache: ImageCache;
  signal?: AbortSignal;
  concurrency?: number;
  onProgress?: (done: number, total: number) => void;
}

export async function collectImages(
  client: EngineClient,
  options: CollectImagesOptions,
): Promise<{ images: Image[]; notes: CollectionNote[] }> {
  const list = await requestEngine<ImageListItem[]>(client, '/images/json', { signal: options.signal });
  const notes: CollectionNote[] = [];
  let done = 0;
  const images = await mapConcurrent(
    list,
    options.concurrency ?? 8,
    async (item) => {
      const subject = `image ${shortId(item.Id)}`;
      let fetched: [ImageInspect | undefined, ImageHistoryItem[] | undefined];
      try {
        fetched = await Promise.all([
          options.cache.inspect(item.Id),
          requestEngine<ImageHistoryItem[]>(client, `/images/${encodeURIComponent(item.Id)}/history`, {
            signal: options.signal,
          }).catch((err: unknown) => {
            if (isNotFound(err)) return undefined;
            throw err;
          }),
        ]);
      } catch (err) {
        // An engine error about one image is reported and skipped; a dead connection still fails the scan.
        if (!(err instanceof EngineRequestError)) throw err;
        notes.push({ subject, message: `could not be inspected: ${err.message}` });
        return undefined;
      } finally {
        done += 1;
        options.onProgress?.(done, list.length);
      }
      const [inspect, history] = fetched;
      if (!inspect || !history) {
        notes.push({ subject, message: 'removed during the scan; skipped' });
        return undefined;
      }
      return normalizeImage(inspect, history);
    },
    options.signal,
  );
  return { images: images.filter((i): i is Image => i !== undefined), notes };
}

export function normalizeImage(inspect: ImageInspect, history: ImageHistoryItem[]): Image {
  const config = inspect.Config ?? {};
  const image: Image = {
    id: inspect.Id,
    repoTags: (inspect.RepoTags ?? []).filter((t) => t !== '<none>:<none>'),
    repoDigests: (inspect.RepoDigests ?? []).filter((d) => d !== '<none>@<none>'),
    sizeBytes: inspect.Size ?? 0,
    user: config.User ?? '',
    hasHealthCheck: healthCheckTest(inspect) !== undefined,
    labels: config.Labels ?? {},
    envNames: (config.Env ?? []).map((e) => e.split('=', 1)[0] ?? ''),
    exposedPorts: Object.keys(config.ExposedPorts ?? {}),
    layers: inspect.RootFS?.Layers ?? [],
    // The engine lists history newest first; the core type reads like a Dockerfile, oldest first.
    history: [...history].reverse().map(normalizeHistoryItem),
  };
  if (inspect.Created) image.created = inspect.Created;
  return image;
}

/** The image's own health check test, or undefined when it has none or disables it with NONE. */
export function healthCheckTest(inspect: ImageInspect | undefined): string[] | undefined {
  const test = inspect?.Config?.Healthcheck?.Test;
  return test && test.length > 0 && test[0] !== 'NONE' ? test : undefined;
}

function normalizeHistoryItem(item: ImageHistoryItem): ImageHistoryEntry {
  const entry: ImageHistoryEntry = {
    createdBy: item.CreatedBy ?? '',
    // The history API does not say which steps made a layer; a size of 0 is what `docker history` shows for those
    // that did not (ENV, CMD, LABEL…).
    isEmptyLayer: (item.Size ?? 0) === 0,
  };
  if (typeof item.Created === 'number' && item.Created > 0) {
    entry.created = new Date(item.Created * 1000).toISOString();
  }
  if (item.Comment) entry.comment = item.Comment;
  return entry;
}

export function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}
