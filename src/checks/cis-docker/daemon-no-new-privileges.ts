// CIS Docker 1.6 §2.14: no-new-privileges as the daemon default stops setuid binaries in any container from
// raising privileges, including containers whose authors forgot the option.
import { decideBooleanOption } from './daemon-options.js';
import { defineCheck } from './define-check.js';
import { onDaemon } from './judge.js';

export const daemonNoNewPrivileges = defineCheck(
  {
    cisId: '2.14',
    checkId: 'container-privilege-escalation',
    title: 'Ensure containers are restricted from acquiring new privileges',
    scope: 'daemon',
    severity: 'medium',
    automation: 'automated',
    remediation: 'Set "no-new-privileges": true in /etc/docker/daemon.json and restart dockerd.',
  },
  onDaemon(({ daemon }) => decideBooleanOption(daemon, 'no-new-privileges', true, false)),
);
