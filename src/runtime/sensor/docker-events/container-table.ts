// Container metadata by id, kept current from the engine (list at start, inspect on create/start, drop on
// destroy), looked up synchronously when events are enriched.

import { type EngineClient, isNotFound, requestEngine } from '../../../collect/docker/engine-client.js';
import type { ContainerInfo } from '../sensor.js';

interface InspectAnswer {
  Id?: string;
  Name?: string;
  Image?: string;
  Config?: { Image?: string; Labels?: Record<string, string> | null };
  HostConfig?: { Privileged?: boolean };
  State?: { Pid?: number };
  GraphDriver?: { Data?: Record<string, string> | null };
}

/** Orchestrator workload from well-known labels: Kubernetes pod, then compose project/service. */
export function workloadOf(labels: Readonly<Record<string, string>>): string | null {
  const pod = labels['io.kubernetes.pod.name'];
  if (pod) return `${labels['io.kubernetes.pod.namespace'] ?? 'default'}/${pod}`;
  const service = labels['com.docker.compose.service'];
  if (service) return `${labels['com.docker.compose.project'] ?? ''}/${service}`;
  return null;
}

export function containerInfoFromInspect(answer: InspectAnswer): ContainerInfo | undefined {
  if (typeof answer.Id !== 'string' || answer.Id === '') return undefined;
  const labels = answer.Config?.Labels ?? {};
  return {
    id: answer.Id,
    name: typeof answer.Name === 'string' ? answer.Name.replace(/^\//, '') : null,
    image: answer.Config?.Image ?? null,
    imageId: answer.Image ?? null,
    labels,
    privileged: answer.HostConfig?.Privileged ?? null,
    upperDir: answer.GraphDriver?.Data?.UpperDir ?? null,
    workload: workloadOf(labels),
    initPid: typeof answer.State?.Pid === 'number' && answer.State.Pid > 0 ? answer.State.Pid : null,
  };
}

export interface ContainerTable {
  get(id: string): ContainerInfo | undefined;
  /** Inspects the container (once at a time per id) and records it; undefined when the engine does not know it. */
  refresh(id: string): Promise<ContainerInfo | undefined>;
  delete(id: string): void;
  /** Records every running container; resolves to them. */
  prime(signal?: AbortSignal): Promise<ContainerInfo[]>;
  readonly size: number;
}

const MAX_CONTAINERS = 100_000;

export function createContainerTable(client: EngineClient): ContainerTable {
  const table = new Map<string, ContainerInfo>();
  const inFlight = new Map<string, Promise<ContainerInfo | undefined>>();
  const refresh = (id: string, signal?: AbortSignal): Promise<ContainerInfo | undefined> => {
    const running = inFlight.get(id);
    if (running) return running;
    const p = requestEngine<InspectAnswer>(client, `/containers/${encodeURIComponent(id)}/json`, { signal })
      .then(
        (answer) => {
          const info = containerInfoFromInspect(answer);
          if (info && table.size < MAX_CONTAINERS) table.set(info.id, info);
          return info;
        },
        (err: unknown) => {
          if (isNotFound(err)) return undefined;
          throw err;
        },
      )
      .finally(() => inFlight.delete(id));
    inFlight.set(id, p);
    return p;
  };
  return {
    get: (id) => table.get(id),
    refresh: (id) => refresh(id),
    delete: (id) => {
      table.delete(id);
    },
    get size() {
      return table.size;
    },
    async prime(signal) {
      const list = await requestEngine<{ Id?: string }[]>(client, '/containers/json', { signal });
      const infos = await Promise.all(
        list.map((c) =>
          typeof c.Id === 'string' ? refresh(c.Id, signal).catch(() => undefined) : undefined,
        ),
      );
      return infos.filter((info) => info !== undefined);
    },
  };
}
