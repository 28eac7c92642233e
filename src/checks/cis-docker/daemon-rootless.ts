// CIS Docker 1.6 §2.1: a rootless daemon limits what a daemon or container escape reaches. "If possible" is a
// judgement, so a root daemon is left to a person rather than failed.
import { defineCheck } from './define-check.js';
import { manual, onDaemon, pass } from './judge.js';

export const daemonRootless = defineCheck(
  {
    cisId: '2.1',
    checkId: 'daemon-hardening',
    title: 'Run the Docker daemon as a non-root user, if possible',
    scope: 'daemon',
    severity: 'medium',
    automation: 'automated',
    remediation:
      'Where the workloads allow it, run Docker in rootless mode (dockerd-rootless-setuptool.sh install).',
  },
  onDaemon(({ daemon }) =>
    daemon.isRootless
      ? pass('daemon runs rootless (SecurityOptions name=rootless)')
      : manual(
          'daemon runs as root (no name=rootless in SecurityOptions): decide whether rootless mode is possible',
        ),
  ),
);
