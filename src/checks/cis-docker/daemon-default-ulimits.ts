// CIS Docker 1.6 §2.8: daemon-wide ulimits bound what any one container can take (files, processes). Whether the
// inherited host limits are acceptable when none is set is a judgement.
import { decideOption, formatOption, formatUnset } from './daemon-options.js';
import { defineCheck } from './define-check.js';
import { manual, onDaemon, pass } from './judge.js';

export const daemonDefaultUlimits = defineCheck(
  {
    cisId: '2.8',
    checkId: 'resource-limits-cpu-pids',
    title: 'Ensure the default ulimit is configured appropriately',
    scope: 'daemon',
    severity: 'low',
    automation: 'automated',
    remediation:
      'Set "default-ulimits" (e.g. nofile and nproc) in daemon.json to limits that suit the workloads.',
  },
  onDaemon(({ daemon }) =>
    decideOption(daemon, 'default-ulimits', {
      whenUnset: manual(
        `${formatUnset('default-ulimits', 'containers inherit the daemon limits')}: decide whether defaults are needed`,
      ),
      whenSet: (value) => pass(formatOption('default-ulimits', value)),
    }),
  ),
);
