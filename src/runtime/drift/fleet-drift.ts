// Drift of the fleet: what runs against what is expected to run. Pure: the agent hands it each container it sees
// (those running when it starts, then each start) and raises the alerts it returns.
//
// - A rogue container: its image matches none of the expected image globs (a cryptojacking container started by
//   hand). Without a list, nothing is rogue: the agent cannot guess what a site means to run.
// - A changed image: a service (compose service or Kubernetes pod, else the container name) that ran one image
//   id under a reference now runs another id under the same reference — the tag moved under a running service.
import { matchesGlob } from '../../core/glob.js';
import type { Alert } from '../../core/runtime/alert.js';
import type { ContainerInfo } from '../sensor/sensor.js';

export interface DriftPolicy {
  /** Image references that may run (`*`, `?` globs), e.g. `registry.local/payments/*`. Empty: no rogue check. */
  readonly expectedImages: readonly string[];
}

export type ContainerSighting = 'running' | 'started';

export interface FleetDrift {
  /** The alerts this sighting raises (none, one or both kinds). */
  observe(container: ContainerInfo, sighting: ContainerSighting, now: Date): Alert[];
}

export const ROGUE_CONTAINER_RULE = 'Unexpected container image running';
export const IMAGE_CHANGED_RULE = 'Image changed under a running service';

/** Services remembered at most: beyond, the oldest are forgotten (a host churning names cannot grow memory). */
const MAX_SERVICES = 10_000;

function alertOf(
  container: ContainerInfo,
  now: Date,
  rule: string,
  priority: Alert['priority'],
  output: string,
  fields: Alert['fields'],
): Alert {
  return {
    time: now.toISOString(),
    rule,
    priority,
    output,
    tags: ['coastguard', 'drift'],
    container: { id: container.id, name: container.name, image: container.image },
    fields: { 'container.name': container.name, 'container.image.repository': container.image, ...fields },
  };
}

export function createFleetDrift(policy: DriftPolicy): FleetDrift {
  const imageOfService = new Map<string, { ref: string; id: string }>();
  return {
    observe(container, sighting, now) {
      const alerts: Alert[] = [];
      const ref = container.image;
      const name = container.name ?? container.id.slice(0, 12);
      if (ref !== null && policy.expectedImages.length > 0 && !matchesGlob(ref, policy.expectedImages)) {
        alerts.push(
          alertOf(
            container,
            now,
            ROGUE_CONTAINER_RULE,
            'critical',
            `Container ${name} ${sighting === 'started' ? 'started' : 'is running'} from image ${ref}, which is not among the expected images`,
            { 'drift.sighting': sighting },
          ),
        );
      }
      const service = container.workload ?? container.name;
      if (service !== null && ref !== null && container.imageId !== null) {
        const before = imageOfService.get(service);
        if (before !== undefined && before.ref === ref && before.id !== container.imageId) {
          alerts.push(
            alertOf(
              container,
              now,
              IMAGE_CHANGED_RULE,
              'warning',
              `Service ${service} now runs ${ref} as ${container.imageId.slice(0, 19)}, not ${before.id.slice(0, 19)} as before`,
              {
                'drift.service': service,
                'drift.image.before': before.id,
                'container.image.id': container.imageId,
              },
            ),
          );
        }
        imageOfService.delete(service);
        imageOfService.set(service, { ref, id: container.imageId });
        if (imageOfService.size > MAX_SERVICES) {
          const oldest = imageOfService.keys().next().value;
          if (oldest !== undefined) imageOfService.delete(oldest);
        }
      }
      return alerts;
    },
  };
}
