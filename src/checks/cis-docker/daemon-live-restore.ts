// CIS Docker 1.6 §2.15: live restore keeps containers running while the daemon restarts, so patching dockerd does
// not cost availability. Swarm mode does not support it, hence not applicable there.
import { defineCheck } from './define-check.js';
import { fail, notApplicable, onDaemon, pass } from './judge.js';

export const daemonLiveRestore = defineCheck(
  {
    cisId: '2.15',
    checkId: 'daemon-hardening',
    title: 'Ensure live restore is enabled',
    scope: 'daemon',
    severity: 'medium',
    automation: 'automated',
    remediation: 'Set "live-restore": true in /etc/docker/daemon.json and reload dockerd.',
  },
  onDaemon(({ daemon }) => {
    if (daemon.swarm.state === 'active') {
      return notApplicable('swarm mode is active, which does not support live restore');
    }
    return daemon.isLiveRestoreEnabled ? pass('LiveRestoreEnabled=true') : fail('LiveRestoreEnabled=false');
  }),
);
