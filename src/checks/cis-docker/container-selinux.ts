// CIS Docker 1.6 §5.3: SELinux labels confine containers on SELinux hosts; label=disable turns that off. With
// SELinux enabled in the daemon, containers are labelled by default.
import { hasSecurityFeature } from './daemon-options.js';
import { defineCheck } from './define-check.js';
import { eachContainer, fail, notApplicable, pass } from './judge.js';

export const containerSelinux = defineCheck(
  {
    cisId: '5.3',
    checkId: 'container-mac-profile',
    title: 'Ensure that, if applicable, SELinux security options are set',
    scope: 'container',
    severity: 'medium',
    automation: 'automated',
    remediation:
      'Run the container without label=disable, with SELinux enabled in the daemon ("selinux-enabled": true).',
  },
  eachContainer((container, { daemon }) => {
    const options = container.selinuxOptions;
    const shown = options.length > 0 ? `SecurityOpt ${options.join(', ')}` : 'no label options';
    if (!hasSecurityFeature(daemon, 'selinux')) {
      return notApplicable(
        `${shown}; SELinux is not enabled in the daemon (no name=selinux in SecurityOptions)`,
      );
    }
    if (options.some((o) => /^label[=:]disable$/.test(o))) return fail(`SecurityOpt ${options.join(', ')}`);
    if (container.isPrivileged) return fail('HostConfig.Privileged=true (SELinux separation disabled)');
    return pass(options.length > 0 ? shown : 'no label options (default SELinux labelling)');
  }),
);
