// CIS Docker 1.6 §5.26: no-new-privileges stops setuid binaries and file capabilities from raising a process's
// privileges inside the container. The daemon-wide default (§2.14) counts when the container does not set it.
import { readOption, toBoolean } from './daemon-options.js';
import { defineCheck } from './define-check.js';
import { cannotTell, eachContainer, fail, pass } from './judge.js';

export const containerNoNewPrivileges = defineCheck(
  {
    cisId: '5.26',
    checkId: 'container-privilege-escalation',
    title: 'Ensure that the container is restricted from acquiring additional privileges',
    scope: 'container',
    severity: 'medium',
    automation: 'automated',
    remediation:
      'Run with --security-opt no-new-privileges (or set "no-new-privileges": true in daemon.json).',
  },
  eachContainer((container, { daemon }) => {
    if (container.hasNoNewPrivileges) return pass('HostConfig.SecurityOpt no-new-privileges');
    const missing = 'HostConfig.SecurityOpt has no no-new-privileges';
    const daemonDefault = readOption(daemon, 'no-new-privileges');
    if (daemonDefault.kind === 'unknown') {
      return cannotTell(`${missing}; daemon default unknown: ${daemonDefault.reason}`);
    }
    if (daemonDefault.kind === 'set' && toBoolean(daemonDefault.value) === true) {
      return pass(`${missing}, but the daemon default no-new-privileges=true applies`);
    }
    return fail(missing);
  }),
);
