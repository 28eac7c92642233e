// CIS Docker 1.6 §2.17: a daemon-wide seccomp profile confines every container by default. Docker's default profile
// is reasonable; whether a custom one is "appropriate" is a judgement, but an unconfined default is a failure.
import { defineCheck } from './define-check.js';
import { fail, manual, onDaemon, pass } from './judge.js';

/** `name=seccomp,profile=default` → 'default'; undefined when the engine reports no seccomp support. */
function seccompProfile(securityOptions: readonly string[]): string | undefined {
  for (const option of securityOptions) {
    const fields = option.split(',');
    if (!fields.includes('name=seccomp')) continue;
    const profile = fields.find((f) => f.startsWith('profile='));
    return profile ? profile.slice('profile='.length) : 'default';
  }
  return undefined;
}

export const daemonSeccomp = defineCheck(
  {
    cisId: '2.17',
    checkId: 'container-seccomp-profile',
    title: 'Ensure that a daemon-wide custom seccomp profile is applied if appropriate',
    scope: 'daemon',
    severity: 'medium',
    automation: 'automated',
    remediation: 'Keep the default seccomp profile, or set "seccomp-profile" to a reviewed custom profile.',
  },
  onDaemon(({ daemon }) => {
    const profile = seccompProfile(daemon.securityOptions);
    if (profile === undefined) {
      return manual(
        'the engine reports no seccomp support (no name=seccomp in SecurityOptions): review the kernel',
      );
    }
    if (profile === 'unconfined') return fail('SecurityOptions name=seccomp,profile=unconfined');
    if (profile === 'default' || profile === 'builtin') {
      return manual(
        `SecurityOptions name=seccomp,profile=${profile}: decide whether a custom profile is needed`,
      );
    }
    return pass(`SecurityOptions name=seccomp,profile=${profile}`);
  }),
);
