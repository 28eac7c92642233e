// CIS Docker 1.6 §5.2: an AppArmor profile limits what a container's processes may touch; 'unconfined' removes it.
// Hosts without AppArmor cannot apply one, so there the check does not apply unless a container asks for it.
import { hasSecurityFeature } from './daemon-options.js';
import { defineCheck } from './define-check.js';
import { eachContainer, fail, notApplicable, pass } from './judge.js';

export const containerApparmor = defineCheck(
  {
    cisId: '5.2',
    checkId: 'container-mac-profile',
    title: 'Ensure that, if applicable, an AppArmor Profile is enabled',
    scope: 'container',
    severity: 'medium',
    automation: 'automated',
    remediation:
      'Run the container with the docker-default (or a custom) AppArmor profile; never apparmor=unconfined.',
  },
  eachContainer((container, { daemon }) => {
    const profile = container.appArmorProfile;
    if (profile === 'unconfined') return fail('AppArmorProfile=unconfined');
    if (profile !== '') return pass(`AppArmorProfile=${profile}`);
    if (!hasSecurityFeature(daemon, 'apparmor')) {
      return notApplicable(
        "AppArmorProfile='' and the host has no AppArmor (no name=apparmor in SecurityOptions)",
      );
    }
    return fail("AppArmorProfile='' (no profile applied although the host supports AppArmor)");
  }),
);
