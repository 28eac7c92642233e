// CIS Docker 1.6 §5.1: swarm mode opens management and gossip ports; it should be on only where it is used, which
// only a person knows.
import { defineCheck } from './define-check.js';
import { manual, onDaemon, pass } from './judge.js';

export const daemonSwarmMode = defineCheck(
  {
    cisId: '5.1',
    checkId: 'swarm-hardening',
    title: 'Ensure swarm mode is not Enabled, if not needed',
    scope: 'daemon',
    severity: 'medium',
    automation: 'automated',
    remediation: 'Leave the swarm (docker swarm leave) on hosts that do not run swarm services.',
  },
  onDaemon(({ daemon }) => {
    const { state, isManager } = daemon.swarm;
    if (state === 'inactive') return pass('Swarm.LocalNodeState=inactive');
    return manual(
      `Swarm.LocalNodeState=${state} (${isManager ? 'manager' : 'worker'}): confirm this host needs swarm mode`,
    );
  }),
);
