// CIS Docker 1.6 §5.25: a container under a custom cgroup parent escapes the limits Docker's default parent
// applies; whether the chosen parent is right is a judgement.
import { defineCheck } from './define-check.js';
import { eachContainer, manual, pass } from './judge.js';

export const containerCgroup = defineCheck(
  {
    cisId: '5.25',
    checkId: 'resource-limits-cpu-pids',
    title: 'Ensure that cgroup usage is confirmed',
    scope: 'container',
    severity: 'low',
    automation: 'automated',
    remediation:
      'Leave --cgroup-parent unset unless a documented resource policy places the container elsewhere.',
  },
  eachContainer(({ resources }) =>
    resources.cgroupParent === ''
      ? pass("HostConfig.CgroupParent='' (daemon default)")
      : manual(`HostConfig.CgroupParent=${resources.cgroupParent}: confirm this cgroup is intended`),
  ),
);
