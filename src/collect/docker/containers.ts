// Every container in every state (a created privileged container is still a finding), inspected and normalized.
// A container removed between the list and its inspect is skipped with a note; nothing else stops the scan.
import type { Container } from '../../core/inventory/container.js';
import type { CollectionNote } from '../../core/inventory/snapshot.js';
import { mapConcurrent } from '../map-concurrent.js';
import { type EngineClient, EngineRequestError, isNotFound, requestEngine } from './engine-client.js';
import { healthCheckTest, type ImageCache } from './images.js';
import { type ContainerInspect, type ExecInspect, normalizeContainer } from './normalize-container.js';
import { listContainerProcesses } from './processes.js';

/** What we read of an inspect beyond what the normalizer needs. */
type InspectWithPid = ContainerInspect & { State?: ContainerInspect['State'] & { Pid?: number } };

export interface CollectContainersOptions {
  images: ImageCache;
  /** Inspect exactly these ids instead of listing (tests use it to name a container that no longer exists). */
  ids?: readonly string[];
  signal?: AbortSignal;
  concurrency?: number;
  /** Read container processes from this host's /proc (default: when the engine is on a unix socket). */
  isLocal?: boolean;
  procRoot?: string;
  onProgress?: (done: number, total: number) => void;
}

export interface CollectedContainers {
  containers: Container[];
  /** The raw inspects, in the same order: the network collector reads attachments from them. */
  inspects: ContainerInspect[];
  notes: CollectionNote[];
}

export async function collectContainers(
  client: EngineClient,
  options: CollectContainersOptions,
): Promise<CollectedContainers> {
  const { signal } = options;
  const concurrency = options.concurrency ?? 8;
  const ids =
    options.ids ??
    (await requestEngine<{ Id: string }[]>(client, '/containers/json', { query: { all: true }, signal })).map(
      (c) => c.Id,
    );
  const notes: CollectionNote[] = [];
  let done = 0;
  const inspected = await mapConcurrent(
    ids,
    concurrency,
    async (id) => {
      const raw = await inspectContainer(client, id, signal).catch((err: unknown) => {
        // An engine error about one container is reported and skipped; a dead connection still fails the scan.
        if (!(err instanceof EngineRequestError)) throw err;
        notes.push({
          subject: `container ${id.slice(0, 12)}`,
          message: `could not be inspected: ${err.message}`,
        });
        return null;
      });
      done += 1;
      options.onProgress?.(done, ids.length);
      if (raw === undefined) {
        notes.push({ subject: `container ${id.slice(0, 12)}`, message: 'removed during the scan; skipped' });
      }
      if (!raw) return undefined;
      const [execs, imageHealthCheck] = await Promise.all([
        inspectExecs(client, raw.ExecIDs ?? [], signal),
        hasOwnHealthCheck(raw) || !raw.Image
          ? undefined
          : options.images.inspect(raw.Image).then(healthCheckTest),
      ]);
      return { raw, execs, imageHealthCheck };
    },
    signal,
  );
  const present = inspected.filter((c) => c !== undefined);

  const running = present
    .filter(({ raw }) => raw.State?.Status === 'running' && (raw.State?.Pid ?? 0) > 0)
    .map(({ raw }) => ({ id: raw.Id, pid: raw.State?.Pid ?? 0 }));
  const processes = await listContainerProcesses(client, running, {
    isLocal: options.isLocal ?? client.endpoint.kind === 'unix',
    procRoot: options.procRoot,
    signal,
    concurrency,
  });

  const containers = present.map(({ raw, execs, imageHealthCheck }) =>
    normalizeContainer(raw, {
      execs,
      ...(imageHealthCheck ? { imageHealthCheck } : {}),
      ...(processes.has(raw.Id) ? { processes: processes.get(raw.Id) } : {}),
    }),
  );
  return { containers, inspects: present.map(({ raw }) => raw), notes };
}

async function inspectContainer(
  client: EngineClient,
  id: string,
  signal?: AbortSignal,
): Promise<InspectWithPid | undefined> {
  try {
    return await requestEngine<InspectWithPid>(client, `/containers/${encodeURIComponent(id)}/json`, {
      signal,
    });
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

/** Exec sessions still known to the engine; one that ended and was cleaned up meanwhile is left out. */
async function inspectExecs(
  client: EngineClient,
  ids: readonly string[],
  signal?: AbortSignal,
): Promise<ExecInspect[]> {
  const execs = await Promise.all(
    ids.map((id) =>
      requestEngine<ExecInspect>(client, `/exec/${encodeURIComponent(id)}/json`, { signal }).catch(
        (err: unknown) => {
          if (isNotFound(err)) return undefined;
          throw err;
        },
      ),
    ),
  );
  return execs.filter((e): e is ExecInspect => e !== undefined);
}

function hasOwnHealthCheck(raw: ContainerInspect): boolean {
  return (raw.Config?.Healthcheck?.Test?.length ?? 0) > 0;
}
