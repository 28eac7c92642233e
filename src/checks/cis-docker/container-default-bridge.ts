// CIS Docker 1.6 §5.30: containers on the default bridge (docker0) can all reach each other and cannot be isolated
// per application; user-defined networks can.
import { defineCheck } from './define-check.js';
import { eachContainer, fail, pass } from './judge.js';

export const containerDefaultBridge = defineCheck(
  {
    cisId: '5.30',
    checkId: 'daemon-network-settings',
    title: "Ensure that Docker's default bridge 'docker0' is not used",
    scope: 'container',
    severity: 'medium',
    automation: 'automated',
    remediation: 'Attach the container to a user-defined network (docker network create; --network NAME).',
  },
  eachContainer((container) => {
    const mode = container.namespaces.network;
    const networks = container.networks.length > 0 ? container.networks.join(', ') : 'none';
    if (mode === '' || mode === 'default' || mode === 'bridge' || container.networks.includes('bridge')) {
      return fail(`HostConfig.NetworkMode=${mode || "''"} networks: ${networks} (default bridge)`);
    }
    return pass(`HostConfig.NetworkMode=${mode || "''"} networks: ${networks}`);
  }),
);
