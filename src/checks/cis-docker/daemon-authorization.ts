// CIS Docker 1.6 §2.12: without an authorization plugin, anyone who can reach the daemon may do anything.
import { defineCheck } from './define-check.js';
import { fail, onDaemon, pass } from './judge.js';

export const daemonAuthorization = defineCheck(
  {
    cisId: '2.12',
    checkId: 'daemon-access-restricted',
    title: 'Ensure that authorization for Docker client commands is enabled',
    scope: 'daemon',
    severity: 'high',
    automation: 'automated',
    remediation: 'Install an authorization plugin and list it in "authorization-plugins" in daemon.json.',
  },
  onDaemon(({ daemon }) =>
    daemon.authorizationPlugins.length > 0
      ? pass(`Plugins.Authorization=${daemon.authorizationPlugins.join(', ')}`)
      : fail('Plugins.Authorization is empty (no authorization plugin)'),
  ),
);
