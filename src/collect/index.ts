// Collects one consistent Snapshot of this Docker host: engine facts, images, containers, networks, the host's
// files and audit rules, and the daemon's effective configuration. Judges nothing; checks do.
import { createRequire } from 'node:module';
import type { CollectContext } from '../core/collector.js';
import type { CollectionNote, Snapshot } from '../core/inventory/snapshot.js';
import { collectContainers } from './docker/containers.js';
import { buildDaemon, fetchEngineFacts } from './docker/daemon.js';
import {
  closeEngineClient,
  createEngineClient,
  type EngineClient,
  type EngineEndpoint,
  pingEngine,
} from './docker/engine-client.js';
import { collectImages, createImageCache } from './docker/images.js';
import { collectNetworks } from './docker/networks.js';
import {
  collectDaemonConfiguration,
  collectHost,
  completeHost,
  remoteDaemonConfiguration,
} from './host/index.js';

export {
  closeEngineClient,
  createEngineClient,
  type EngineClient,
  type EngineClientOptions,
  type EngineEndpoint,
  pingEngine,
  resolveEngineEndpoint,
} from './docker/engine-client.js';

const require = createRequire(import.meta.url);
const manifest = require('../../package.json') as { version: string };

export interface CollectSnapshotOptions extends CollectContext {
  /** An engine client to use instead of one made from the environment (DOCKER_HOST…). */
  client?: EngineClient;
}

/** Whether the engine runs on this machine, so /proc and the host's files describe it. */
export function isLocalEndpoint(endpoint: EngineEndpoint): boolean {
  if (endpoint.kind === 'unix') return true;
  return endpoint.host === 'localhost' || endpoint.host === '::1' || endpoint.host.startsWith('127.');
}

/** Fails with ENGINE_UNREACHABLE (exit 2) before doing anything else when no engine answers. */
export async function collectSnapshot(options: CollectSnapshotOptions = {}): Promise<Snapshot> {
  if (options.client) return collectWith(options.client, options);
  const client = await createEngineClient();
  try {
    return await collectWith(client, options);
  } finally {
    closeEngineClient(client);
  }
}

async function collectWith(client: EngineClient, { signal, progress }: CollectContext): Promise<Snapshot> {
  progress?.step('engine');
  await pingEngine(client, signal ? { signal } : {});
  const collectedAt = new Date().toISOString();
  const isLocal = isLocalEndpoint(client.endpoint);

  const configurationPending = isLocal
    ? collectDaemonConfiguration()
    : Promise.resolve(remoteDaemonConfiguration());
  // Engine facts, images and containers are asked for at once: the engine answers them side by side.
  const factsPending = fetchEngineFacts(client, signal);
  factsPending.catch(() => {});
  // The host's files, audit rules and mounts are read while the engine answers for images and containers.
  const hostPending = Promise.all([configurationPending, factsPending]).then(([configuration, facts]) =>
    collectHost({
      info: facts.info,
      configuration,
      isLocal,
      ...(client.endpoint.kind === 'unix' ? { engineSocket: client.endpoint.socketPath } : {}),
    }),
  );
  // Settled early so a failure here cannot go unhandled while the engine work is still under way.
  hostPending.catch(() => {});

  const cache = createImageCache(client, signal);
  progress?.step('images');
  const imagesPending = collectImages(client, {
    cache,
    ...(signal ? { signal } : {}),
    onProgress: (done, total) => progress?.step('images', done, total),
  });
  imagesPending.catch(() => {});
  const containers = await collectContainers(client, {
    images: cache,
    isLocal,
    ...(signal ? { signal } : {}),
    onProgress: (done, total) => progress?.step('containers', done, total),
  });
  const [facts, images] = await Promise.all([factsPending, imagesPending]);
  progress?.step('networks');
  const networks = await collectNetworks(client, containers.inspects, signal);
  progress?.step('host');
  const [configuration, host] = await Promise.all([configurationPending, hostPending]);
  const labelKeys = [...new Set(containers.containers.flatMap((c) => Object.keys(c.labels)))];

  const notes: CollectionNote[] = [...images.notes, ...containers.notes, ...host.notes];
  return {
    collectedAt,
    collector: { tool: 'coastguard', version: manifest.version },
    engineEndpoint: client.endpoint.description,
    host: completeHost(host, labelKeys),
    daemon: buildDaemon(facts, configuration),
    images: images.images,
    containers: containers.containers,
    networks,
    notes,
  };
}
