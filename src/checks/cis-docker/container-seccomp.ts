// CIS Docker 1.6 §5.22: the seccomp profile blocks system calls containers never need (and many kernel exploits
// use). seccomp=unconfined turns it off, and so does --privileged.
import { defineCheck } from './define-check.js';
import { eachContainer, fail, pass } from './judge.js';

export const containerSeccomp = defineCheck(
  {
    cisId: '5.22',
    checkId: 'container-seccomp-profile',
    title: 'Ensure the default seccomp profile is not Disabled',
    scope: 'container',
    severity: 'medium',
    automation: 'automated',
    remediation:
      'Remove seccomp=unconfined (and --privileged) so the default or a custom seccomp profile applies.',
  },
  eachContainer((container) => {
    if (container.seccompProfile === 'unconfined') return fail('HostConfig.SecurityOpt seccomp=unconfined');
    if (container.isPrivileged) return fail('HostConfig.Privileged=true (seccomp is not applied)');
    if (container.seccompProfile === 'default') return pass('seccomp profile default');
    return pass('seccomp profile custom (HostConfig.SecurityOpt seccomp=…)');
  }),
);
