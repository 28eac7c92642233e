// CIS Docker 1.6 §2.2: containers on the default bridge talk to each other freely unless inter-container
// communication is off. The bridge network's own option is the engine's truth; the daemon option is the fallback.
import type { Network } from '../../core/inventory/network.js';
import { decideBooleanOption } from './daemon-options.js';
import { defineCheck } from './define-check.js';
import { cannotTell, fail, onDaemon, pass } from './judge.js';

const ICC_OPTION = 'com.docker.network.bridge.enable_icc';

function findDefaultBridge(networks: readonly Network[]): Network | undefined {
  return networks.find((n) => n.name === 'bridge' && n.driver === 'bridge');
}

export const daemonIcc = defineCheck(
  {
    cisId: '2.2',
    checkId: 'daemon-network-settings',
    title: 'Ensure network traffic is restricted between containers on the default bridge',
    scope: 'daemon',
    severity: 'medium',
    automation: 'automated',
    remediation:
      'Set "icc": false in /etc/docker/daemon.json and restart dockerd; link containers on user networks.',
  },
  onDaemon(({ daemon, networks }) => {
    const value = findDefaultBridge(networks)?.options[ICC_OPTION];
    if (value === undefined) return decideBooleanOption(daemon, 'icc', false, true);
    const evidence = `network bridge ${ICC_OPTION}=${value}`;
    if (value === 'false') return pass(evidence);
    if (value === 'true') return fail(evidence);
    return cannotTell(`${evidence} is not a boolean`);
  }),
);
