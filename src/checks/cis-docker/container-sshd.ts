// CIS Docker 1.6 §5.7: an SSH server inside a container is a second, unmanaged way in; use docker exec instead.
// Only a running container has processes to look at.
import { defineCheck } from './define-check.js';
import { cannotTell, countOf, eachContainer, fail, notApplicable, pass } from './judge.js';

/** `/usr/sbin/sshd -D`, `sshd: root@pts/0`, `sshd`, but not `sshd-keygen-wrapper` or `/opt/sshdump`. */
const SSHD = /(?:^|\/)sshd(?:$|[\s:])/;

export const containerSshd = defineCheck(
  {
    cisId: '5.7',
    checkId: 'image-sshd-present',
    title: 'Ensure sshd is not run within containers',
    scope: 'container',
    severity: 'medium',
    automation: 'automated',
    remediation: 'Remove the SSH server from the image and use docker exec for interactive access.',
  },
  eachContainer((container) => {
    if (container.state !== 'running') return notApplicable('not running: no processes to inspect');
    if (container.processes === undefined) return cannotTell('process list could not be read (docker top)');
    const sshd = container.processes.filter((p) => SSHD.test(p.trim()));
    if (sshd.length > 0) return fail(`processes: ${sshd.join('; ')}`);
    return pass(`no sshd among ${countOf(container.processes.length, 'process', 'processes')}`);
  }),
);
