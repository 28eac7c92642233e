// CIS Docker 1.6 §2.10: the default cgroup parent is fine unless a site policy says otherwise; a person confirms.
import { readOption } from './daemon-options.js';
import { defineCheck } from './define-check.js';
import { manual, onDaemon } from './judge.js';

export const daemonCgroup = defineCheck(
  {
    cisId: '2.10',
    checkId: 'resource-limits-cpu-pids',
    title: 'Ensure the default cgroup usage has been confirmed',
    scope: 'daemon',
    severity: 'low',
    automation: 'manual',
    remediation:
      'Leave "cgroup-parent" at its default unless a documented resource policy requires another parent.',
  },
  onDaemon(({ daemon }) => {
    const reading = readOption(daemon, 'cgroup-parent');
    const parent =
      reading.kind === 'set'
        ? `cgroup-parent=${String(reading.value)}`
        : reading.kind === 'unset'
          ? 'cgroup-parent not set (default)'
          : `cgroup-parent unknown (${reading.reason})`;
    const driver = `cgroup driver ${daemon.cgroupDriver || 'unknown'}, cgroup v${daemon.cgroupVersion || '?'}`;
    return manual(`${parent}; ${driver}: confirm this matches the host's resource policy`);
  }),
);
