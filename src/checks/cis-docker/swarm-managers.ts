// CIS Docker 1.6 §7.1: each manager is a full copy of the cluster's state and keys; have as few as fault tolerance
// needs. Raft tolerates (n-1)/2 failures, so an even count, or more than 7, adds managers without adding tolerance.
import { defineCheck } from './define-check.js';
import { cannotTell, fail, manual, onDaemon, whenSwarmActive } from './judge.js';

const MAX_USEFUL_MANAGERS = 7;

export const swarmManagers = defineCheck(
  {
    cisId: '7.1',
    checkId: 'swarm-hardening',
    title: 'Ensure that the minimum number of manager nodes have been created in a swarm',
    scope: 'swarm',
    severity: 'medium',
    automation: 'automated',
    remediation:
      'Keep an odd number of managers, no more than fault tolerance needs (docker node demote NODE).',
  },
  whenSwarmActive(
    onDaemon(({ daemon }) => {
      const { isManager, managers, nodes } = daemon.swarm;
      if (!isManager) return manual('this node is a worker: review the manager count on a manager node');
      if (managers === undefined) return cannotTell('the engine did not report the number of managers');
      const seen = `Swarm.Managers=${managers} of ${nodes ?? '?'} nodes`;
      if (managers > 1 && managers % 2 === 0) return fail(`${seen} (an even count adds no fault tolerance)`);
      if (managers > MAX_USEFUL_MANAGERS) return fail(`${seen} (more than ${MAX_USEFUL_MANAGERS})`);
      return manual(`${seen}: confirm this is the fewest that meet the cluster's fault tolerance needs`);
    }),
  ),
);
