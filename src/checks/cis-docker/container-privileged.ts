// CIS Docker 1.6 §5.5: a privileged container has every capability and every host device, with confinement off:
// it is root on the host in all but name.
import { defineCheck } from './define-check.js';
import { eachContainer, fail, pass } from './judge.js';

export const containerPrivileged = defineCheck(
  {
    cisId: '5.5',
    checkId: 'container-privileged',
    title: 'Ensure that privileged containers are not used',
    scope: 'container',
    severity: 'critical',
    automation: 'automated',
    remediation:
      'Run without --privileged; grant only the specific capabilities or devices the workload needs.',
  },
  eachContainer((container) =>
    container.isPrivileged ? fail('HostConfig.Privileged=true') : pass('HostConfig.Privileged=false'),
  ),
);
