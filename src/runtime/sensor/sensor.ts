// The Sensor seam: a source of runtime events attributed to containers (bpftrace, Docker engine events, /proc).

import type { RuntimeEvent } from '../../core/runtime/runtime-event.js';

/** What a sensor reports about itself: shown by the agent, and watched for lost events. */
export interface SensorStatus {
  readonly id: string;
  readonly state: 'starting' | 'running' | 'stopped' | 'failed';
  /** Events emitted since start. */
  readonly events: number;
  /** Events the sensor knows it lost (kernel ring buffer overruns); 0 when it cannot lose any. */
  readonly lost: number;
  /** What the sensor can and cannot see, or why it failed; shown to the user as is. */
  readonly note?: string;
}

export interface Sensor {
  /** `bpftrace`, `docker-events`, `proc-scan`: equals its folder name. */
  readonly id: string;
  /**
   * Starts observing and calls `emit` for every event, in the order observed. Resolves once the sensor is
   * really observing (probes attached, stream open), to the function that stops it; stop resolves once every
   * child process and stream the sensor opened is gone. Rejects when the sensor cannot start at all.
   */
  start(emit: (event: RuntimeEvent) => void): Promise<() => Promise<void>>;
  /** Current counters; callable at any time, before start and after stop too. */
  status(): SensorStatus;
}

/**
 * Container metadata known to the agent, looked up synchronously while an event is built. A sensor that only
 * knows the container id leaves the rest to enrichment.
 */
export interface ContainerInfo {
  readonly id: string;
  readonly name: string | null;
  readonly image: string | null;
  /** The image's id (`sha256:…`): what the reference pointed at when the container was created. */
  readonly imageId: string | null;
  readonly labels: Readonly<Record<string, string>>;
  readonly privileged: boolean | null;
  /** The container's writable overlay layer on the host, for telling image files from files written later. */
  readonly upperDir: string | null;
  /** Orchestrator workload (compose service, Kubernetes pod) from the labels, when there is one. */
  readonly workload: string | null;
  /** Host pid of the container's first process while it runs: a long-lived way into its root filesystem. */
  readonly initPid: number | null;
}
