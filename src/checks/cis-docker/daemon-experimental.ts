// CIS Docker 1.6 §2.18: experimental features are unsupported and change without notice.
import { defineCheck } from './define-check.js';
import { fail, onDaemon, pass } from './judge.js';

export const daemonExperimental = defineCheck(
  {
    cisId: '2.18',
    checkId: 'daemon-hardening',
    title: 'Ensure that experimental features are not implemented in production',
    scope: 'daemon',
    severity: 'medium',
    automation: 'automated',
    remediation: 'Remove "experimental": true from daemon.json (and --experimental from dockerd flags).',
  },
  onDaemon(({ daemon }) =>
    daemon.isExperimental ? fail('ExperimentalBuild=true') : pass('ExperimentalBuild=false'),
  ),
);
