// CIS Docker 1.6 §7.2, §7.4, §7.6–7.9: swarm practices the engine API does not show (listening sockets, secret
// handling, key and certificate rotation, network separation). A person reviews them, with the facts we have.
import type { Snapshot } from '../../core/inventory/snapshot.js';
import { type CheckMeta, defineCheck } from './define-check.js';
import { countOf, manual, onDaemon, whenSwarmActive } from './judge.js';

function nodeAddress({ daemon }: Snapshot): string {
  return daemon.swarm.nodeAddress
    ? `Swarm.NodeAddr=${daemon.swarm.nodeAddress}`
    : 'Swarm.NodeAddr not reported';
}

function defineReview(
  meta: Omit<CheckMeta, 'checkId' | 'scope' | 'severity' | 'automation'>,
  ask: (s: Snapshot) => string,
) {
  return defineCheck(
    { ...meta, checkId: 'swarm-hardening', scope: 'swarm', severity: 'medium', automation: 'manual' },
    whenSwarmActive(onDaemon((snapshot) => manual(ask(snapshot)))),
  );
}

export const swarmListenAddress = defineReview(
  {
    cisId: '7.2',
    title: 'Ensure that swarm services are bound to a specific host interface',
    remediation:
      'Re-join or re-initialise the swarm with --listen-addr and --advertise-addr set to one interface.',
  },
  (s) => `${nodeAddress(s)}: check with ss -ltnp that ports 2377 and 7946 are not bound to 0.0.0.0 or [::]`,
);

export const swarmSecrets = defineReview(
  {
    cisId: '7.4',
    title: "Ensure that Docker's secret management commands are used for managing secrets in a swarm cluster",
    remediation: 'Move credentials out of service environment variables into docker secret and mount them.',
  },
  ({ containers }) => {
    const services = new Set(
      containers.filter((c) => c.workload?.orchestrator === 'swarm').map((c) => c.workload?.name),
    );
    return `${countOf(services.size, 'swarm service')} here: confirm they receive credentials through docker secret, not environment variables`;
  },
);

export const swarmAutoLockRotation = defineReview(
  {
    cisId: '7.6',
    title: 'Ensure that the swarm manager auto-lock key is rotated periodically',
    remediation:
      'Rotate the unlock key on a schedule (docker swarm unlock-key --rotate) and store it safely.',
  },
  () => 'confirm the swarm unlock key is rotated on a documented schedule (docker swarm unlock-key --rotate)',
);

export const swarmNodeCertRotation = defineReview(
  {
    cisId: '7.7',
    title: 'Ensure that node certificates are rotated as appropriate',
    remediation: 'Set the node certificate expiry to fit the policy (docker swarm update --cert-expiry).',
  },
  () =>
    'confirm the node certificate expiry suits the policy (docker info: CA Configuration, Expiry Duration)',
);

export const swarmCaRotation = defineReview(
  {
    cisId: '7.8',
    title: 'Ensure that CA certificates are rotated as appropriate',
    remediation: 'Rotate the swarm root CA on a documented schedule (docker swarm ca --rotate).',
  },
  () => 'confirm the swarm root CA is rotated on a documented schedule (docker swarm ca --rotate)',
);

export const swarmTrafficSeparation = defineReview(
  {
    cisId: '7.9',
    title: 'Ensure that management plane traffic is separated from data plane traffic',
    remediation: 'Join nodes with --data-path-addr on a different interface than --advertise-addr.',
  },
  (s) => `${nodeAddress(s)}: confirm data traffic uses a separate interface (--data-path-addr)`,
);
