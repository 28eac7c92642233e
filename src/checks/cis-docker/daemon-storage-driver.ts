// CIS Docker 1.6 §2.6: aufs is unmaintained and has had kernel crashes and security issues.
import { defineCheck } from './define-check.js';
import { cannotTell, fail, onDaemon, pass } from './judge.js';

export const daemonStorageDriver = defineCheck(
  {
    cisId: '2.6',
    checkId: 'daemon-hardening',
    title: 'Ensure aufs storage driver is not used',
    scope: 'daemon',
    severity: 'medium',
    automation: 'automated',
    remediation: 'Switch the storage driver to overlay2 ("storage-driver": "overlay2") and re-pull images.',
  },
  onDaemon(({ daemon }) => {
    if (!daemon.storageDriver) return cannotTell('the engine did not report its storage driver');
    const evidence = `storage driver ${daemon.storageDriver}`;
    return daemon.storageDriver === 'aufs' ? fail(evidence) : pass(evidence);
  }),
);
