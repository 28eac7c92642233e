// CIS Docker 1.6 §7.5: without auto-lock, the keys that decrypt the swarm's Raft log (and its secrets) sit on the
// manager's disk in the clear.
import { defineCheck } from './define-check.js';
import { cannotTell, fail, notApplicable, onDaemon, pass, whenSwarmActive } from './judge.js';

export const swarmAutolock = defineCheck(
  {
    cisId: '7.5',
    checkId: 'swarm-hardening',
    title: 'Ensure that swarm manager is run in auto-lock mode',
    scope: 'swarm',
    severity: 'medium',
    automation: 'automated',
    remediation: 'Turn on auto-lock (docker swarm update --autolock=true) and keep the unlock key offline.',
  },
  whenSwarmActive(
    onDaemon(({ daemon }) => {
      const { isManager, isAutoLockEnabled } = daemon.swarm;
      if (!isManager) return notApplicable('this node is a worker; auto-lock is a manager setting');
      if (isAutoLockEnabled === undefined) {
        return cannotTell('the engine did not report the auto-lock setting');
      }
      return isAutoLockEnabled
        ? pass('Swarm.Cluster.Spec.EncryptionConfig.AutoLockManagers=true')
        : fail('Swarm.Cluster.Spec.EncryptionConfig.AutoLockManagers=false');
    }),
  ),
);
