// CIS Docker 1.6 §7.3: overlay traffic between nodes is plain VXLAN unless the network is created encrypted.
import { defineCheck } from './define-check.js';
import { daemonSubject, fail, networkSubject, notApplicable, pass, whenSwarmActive } from './judge.js';

export const swarmOverlayEncryption = defineCheck(
  {
    cisId: '7.3',
    checkId: 'swarm-hardening',
    title: 'Ensure that all Docker swarm overlay networks are encrypted',
    scope: 'network',
    severity: 'medium',
    automation: 'automated',
    remediation: 'Recreate the overlay network with --opt encrypted and reattach its services.',
  },
  whenSwarmActive((snapshot) => {
    const overlays = snapshot.networks.filter((n) => n.driver === 'overlay');
    if (overlays.length === 0) {
      return [{ subject: daemonSubject(snapshot), ...notApplicable('no overlay networks') }];
    }
    return overlays.map((network) => ({
      subject: networkSubject(network),
      ...('encrypted' in network.options
        ? pass(`Options.encrypted set on overlay network ${network.name}`)
        : fail(`overlay network ${network.name} has no encrypted option`)),
    }));
  }),
);
