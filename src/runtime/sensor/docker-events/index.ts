// The Docker engine events sensor: follows GET /events for containers, keeps the container table current, and
// (when no kernel sensor runs) reports `docker exec` commands as exec events.

import { basename } from 'node:path';
import { type EngineClient, requestEngine, streamEngine } from '../../../collect/docker/engine-client.js';
import { createRuntimeEvent, type RuntimeEvent } from '../../../core/runtime/runtime-event.js';
import type { ContainerInfo, Sensor, SensorStatus } from '../sensor.js';
import type { ContainerTable } from './container-table.js';

export {
  type ContainerTable,
  containerInfoFromInspect,
  createContainerTable,
  workloadOf,
} from './container-table.js';

/** The engine event actions this sensor follows (Docker Engine API 1.41, "Monitor events"). */
export const FOLLOWED_ACTIONS = [
  'create',
  'start',
  'exec_create',
  'exec_start',
  'attach',
  'die',
  'kill',
  'pause',
  'unpause',
  'destroy',
] as const;

/** One engine event as the API sends it. */
export interface EngineEvent {
  Type?: string;
  Action?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
  time?: number;
  timeNano?: number;
}

interface ExecInspect {
  ProcessConfig?: {
    entrypoint?: string;
    arguments?: string[];
    tty?: boolean;
    user?: string;
    privileged?: boolean;
  };
  Pid?: number;
}

export interface DockerEventsSensorOptions {
  readonly client: EngineClient;
  readonly containers: ContainerTable;
  /** Emit `docker exec` commands as exec events: only when no kernel sensor sees the exec itself. */
  readonly emitExecs?: boolean;
  /** Told of every container running when the sensor starts, then of each one that starts. */
  readonly onContainer?: (container: ContainerInfo, sighting: 'running' | 'started') => void;
}

/** `exec_start: sh -c id` → the action without its command line. */
export function baseAction(action: string): string {
  const colon = action.indexOf(':');
  return colon < 0 ? action : action.slice(0, colon);
}

export function createDockerEventsSensor(options: DockerEventsSensorOptions): Sensor {
  const { client, containers } = options;
  let state: SensorStatus['state'] = 'stopped';
  let events = 0;
  let engineEvents = 0;
  let note: string | undefined;
  let num = 0;

  const execEvent = async (e: EngineEvent, emit: (event: RuntimeEvent) => void): Promise<void> => {
    const id = e.Actor?.ID ?? '';
    const execId = e.Actor?.Attributes?.execID;
    if (!execId) return;
    const info = await requestEngine<ExecInspect>(client, `/exec/${encodeURIComponent(execId)}/json`).catch(
      () => undefined,
    );
    const config = info?.ProcessConfig;
    const exe = config?.entrypoint ?? baseAction(e.Action ?? '');
    const args = config?.arguments ?? [];
    const name = basename(exe).slice(0, 15);
    const c = containers.get(id);
    events++;
    emit(
      createRuntimeEvent({
        type: 'exec',
        num: ++num,
        time: e.timeNano ? e.timeNano / 1e6 : Date.now(),
        proc: {
          pid: info?.Pid ?? 0,
          name,
          exe,
          exepath: exe,
          args,
          tty: config?.tty ? 1 : 0,
          startTime: Date.now(),
          // docker exec's process is started by runc; the engine tells nothing further up.
          ancestors: [{ pid: 0, name: 'runc', exe: 'runc', exepath: 'runc', cmdline: 'runc' }],
        },
        user: { name: config?.user === '' || config?.user === undefined ? 'root' : config.user },
        container: {
          id,
          name: c?.name ?? e.Actor?.Attributes?.name ?? null,
          image: c?.image ?? e.Actor?.Attributes?.image ?? null,
          labels: { ...(c?.labels ?? {}) },
          privileged: config?.privileged ?? c?.privileged ?? null,
        },
      }),
    );
  };

  return {
    id: 'docker-events',
    status: () => ({
      id: 'docker-events',
      state,
      events,
      lost: 0,
      note: [`${engineEvents} engine events, ${containers.size} containers known`, note]
        .filter(Boolean)
        .join('; '),
    }),
    async start(emit) {
      state = 'starting';
      const controller = new AbortController();
      const since = Math.floor(Date.now() / 1000);
      const stream = streamEngine(client, '/events', {
        query: { since, filters: JSON.stringify({ type: ['container'] }) },
        signal: controller.signal,
      });
      // The first next() opens the stream; the table is primed after, so no container start falls in between.
      const first = stream.next();
      // Handled in the loop below; marked here so that a failure while priming is not reported as unhandled.
      first.catch(() => undefined);
      for (const running of await containers.prime(controller.signal))
        options.onContainer?.(running, 'running');
      const handle = async (value: unknown): Promise<void> => {
        const e = value as EngineEvent;
        if (e?.Type !== 'container' || typeof e.Action !== 'string') return;
        engineEvents++;
        const id = e.Actor?.ID ?? '';
        const action = baseAction(e.Action);
        if (action === 'create' || action === 'start') {
          const info = await containers.refresh(id).catch(() => undefined);
          if (action === 'start' && info !== undefined) options.onContainer?.(info, 'started');
        } else if (action === 'destroy') containers.delete(id);
        else if (action === 'exec_start' && options.emitExecs) await execEvent(e, emit);
      };
      const loop = (async () => {
        try {
          let next = await first;
          while (!next.done) {
            await handle(next.value);
            next = await stream.next();
          }
          if (!controller.signal.aborted) {
            state = 'failed';
            note = 'the engine closed the event stream';
          }
        } catch (err) {
          if (!controller.signal.aborted) {
            state = 'failed';
            note = `event stream failed: ${(err as Error).message}`;
          }
        }
      })();
      state = 'running';
      return async () => {
        controller.abort();
        await loop;
        state = 'stopped';
      };
    },
  };
}
