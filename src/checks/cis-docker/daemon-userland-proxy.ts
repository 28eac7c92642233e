// CIS Docker 1.6 §2.16: the userland proxy is an extra process per published port; hairpin NAT does the same job
// with a smaller attack surface.
import { decideBooleanOption } from './daemon-options.js';
import { defineCheck } from './define-check.js';
import { onDaemon } from './judge.js';

export const daemonUserlandProxy = defineCheck(
  {
    cisId: '2.16',
    checkId: 'daemon-network-settings',
    title: 'Ensure Userland Proxy is Disabled',
    scope: 'daemon',
    severity: 'medium',
    automation: 'automated',
    remediation: 'Set "userland-proxy": false in /etc/docker/daemon.json and restart dockerd.',
  },
  onDaemon(({ daemon }) => decideBooleanOption(daemon, 'userland-proxy', false, true)),
);
