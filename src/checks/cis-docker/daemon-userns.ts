// CIS Docker 1.6 §2.9: with user namespace remapping, root in a container is an unprivileged user on the host. The
// engine reports it in SecurityOptions, which is authoritative whatever the configuration files say.
import { hasSecurityFeature } from './daemon-options.js';
import { defineCheck } from './define-check.js';
import { fail, onDaemon, pass } from './judge.js';

export const daemonUserns = defineCheck(
  {
    cisId: '2.9',
    checkId: 'daemon-hardening',
    title: 'Enable user namespace support',
    scope: 'daemon',
    severity: 'medium',
    automation: 'automated',
    remediation:
      'Set "userns-remap": "default" in daemon.json and restart dockerd (existing images are re-pulled).',
  },
  onDaemon(({ daemon }) => {
    if (hasSecurityFeature(daemon, 'userns')) return pass('SecurityOptions name=userns');
    if (daemon.isRootless) return pass('daemon runs rootless, inside a user namespace (name=rootless)');
    return fail(
      `no name=userns in SecurityOptions (${daemon.securityOptions.join('; ') || 'none reported'})`,
    );
  }),
);
