// Cuts the container off every network (POST /networks/{id}/disconnect, Force) and records each network with the
// container's address and aliases there, so reconnectNetworks can undo it.
import { type EngineClient, requestEngine } from '../../collect/docker/engine-client.js';
import type { JsonObject } from '../../core/audit/audit-entry.js';
import { containerPath, type Responder, recordAction } from './responder.js';

export interface DisconnectedNetwork extends JsonObject {
  name: string;
  id: string;
  ipv4: string | null;
  aliases: string[];
}

interface EndpointSettings {
  NetworkID?: string;
  IPAddress?: string;
  Aliases?: string[] | null;
}

export const isolate: Responder = {
  action: 'isolate',
  isDestructive: true,
  run: (target, ctx) =>
    recordAction('isolate', target, ctx, async () => {
      const inspect = await requestEngine<{
        NetworkSettings?: { Networks?: Record<string, EndpointSettings> };
      }>(ctx.client, containerPath(target, '/json'));
      const networks = Object.entries(inspect.NetworkSettings?.Networks ?? {});
      const done: DisconnectedNetwork[] = [];
      const failures: string[] = [];
      for (const [name, endpoint] of networks) {
        try {
          await requestEngine(
            ctx.client,
            `/networks/${encodeURIComponent(endpoint.NetworkID || name)}/disconnect`,
            {
              method: 'POST',
              body: { Container: target.id, Force: true },
            },
          );
          done.push({
            name,
            id: endpoint.NetworkID ?? '',
            ipv4: endpoint.IPAddress || null,
            aliases: endpoint.Aliases ?? [],
          });
        } catch (err) {
          failures.push(`${name}: ${(err as Error).message}`);
        }
      }
      if (failures.length > 0) {
        const left = done.map((n) => n.name).join(', ') || 'none';
        throw new Error(`could not leave ${failures.join('; ')} (left: ${left})`);
      }
      return {
        detail:
          done.length === 0
            ? 'the container was on no network'
            : `disconnected the container from ${done.map((n) => n.name).join(', ')}`,
        data: { networks: done },
      };
    }),
};

/** Undoes an isolation: connects the container again to each recorded network, with its aliases. */
export async function reconnectNetworks(
  client: EngineClient,
  containerId: string,
  networks: readonly DisconnectedNetwork[],
): Promise<void> {
  for (const network of networks) {
    await requestEngine(client, `/networks/${encodeURIComponent(network.id || network.name)}/connect`, {
      method: 'POST',
      body: { Container: containerId, EndpointConfig: { Aliases: network.aliases } },
    });
  }
}
