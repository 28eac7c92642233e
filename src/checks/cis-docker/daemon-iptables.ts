// CIS Docker 1.6 §2.4: with iptables management off, published ports and network isolation are left to hand-made
// firewall rules that drift from what containers need.
import { decideBooleanOption } from './daemon-options.js';
import { defineCheck } from './define-check.js';
import { onDaemon } from './judge.js';

export const daemonIptables = defineCheck(
  {
    cisId: '2.4',
    checkId: 'daemon-network-settings',
    title: 'Ensure Docker is allowed to make changes to iptables',
    scope: 'daemon',
    severity: 'medium',
    automation: 'automated',
    remediation: 'Remove "iptables": false from daemon.json (and --iptables=false from dockerd flags).',
  },
  onDaemon(({ daemon }) => decideBooleanOption(daemon, 'iptables', true, true)),
);
