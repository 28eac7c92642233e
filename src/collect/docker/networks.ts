// Container networks (`GET /networks`). Which containers are attached is read from the containers' own inspect
// output, which covers stopped and created containers too (network inspect lists running endpoints only) and saves
// one request per network.
import type { Network } from '../../core/inventory/network.js';
import { type EngineClient, requestEngine } from './engine-client.js';
import type { ContainerInspect } from './normalize-container.js';

/** The subset of one `GET /networks` entry we read. */
export interface NetworkListItem {
  Id: string;
  Name?: string;
  Driver?: string;
  Scope?: string;
  Internal?: boolean;
  Options?: Record<string, string> | null;
}

export async function collectNetworks(
  client: EngineClient,
  containers: readonly ContainerInspect[],
  signal?: AbortSignal,
): Promise<Network[]> {
  const list = await requestEngine<NetworkListItem[]>(client, '/networks', { signal });
  return normalizeNetworks(list, containers);
}

export function normalizeNetworks(
  list: readonly NetworkListItem[],
  containers: readonly ContainerInspect[],
): Network[] {
  const idByName = new Map(list.map((n) => [n.Name ?? n.Id, n.Id]));
  const attached = new Map<string, string[]>();
  for (const container of containers) {
    for (const [name, endpoint] of Object.entries(container.NetworkSettings?.Networks ?? {})) {
      // A container that never started has no endpoint yet (empty NetworkID): its configuration names the network.
      const endpointId = (endpoint as { NetworkID?: unknown } | null)?.NetworkID;
      const networkId = typeof endpointId === 'string' && endpointId !== '' ? endpointId : idByName.get(name);
      if (networkId === undefined) continue;
      attached.set(networkId, [...(attached.get(networkId) ?? []), container.Id]);
    }
  }
  return list.map((n) => ({
    id: n.Id,
    name: n.Name ?? n.Id,
    driver: n.Driver ?? '',
    scope: n.Scope ?? '',
    isInternal: n.Internal === true,
    options: n.Options ?? {},
    containerIds: attached.get(n.Id) ?? [],
  }));
}
