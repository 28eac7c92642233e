// One consistent view of a host's inventory: what was collected, when and how.
import type { Container } from './container.js';
import type { Daemon } from './daemon.js';
import type { Host } from './host.js';
import type { Image } from './image.js';
import type { Network } from './network.js';

/** Something the collector could not see or chose to skip, said in the report rather than hidden. */
export interface CollectionNote {
  subject: string;
  message: string;
}

export interface Snapshot {
  collectedAt: string;
  collector: { tool: string; version: string };
  /** How the engine was reached: unix socket path or tcp URL (no credentials). */
  engineEndpoint: string;
  host: Host;
  daemon: Daemon;
  images: Image[];
  containers: Container[];
  networks: Network[];
  notes: CollectionNote[];
}
