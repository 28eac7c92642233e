// CIS Docker 1.6 §5.20: with shared propagation, mounts made inside the container appear on the host (and the
// other way round), which lets a container change the host's mount table.
import { defineCheck } from './define-check.js';
import { countOf, eachContainer, fail, formatMount, pass } from './judge.js';

export const containerMountPropagation = defineCheck(
  {
    cisId: '5.20',
    checkId: 'container-hostpath-sensitive-mount',
    title: 'Ensure mount propagation mode is not set to shared',
    scope: 'container',
    severity: 'high',
    automation: 'automated',
    remediation: 'Mount volumes with private or slave propagation (the default), never shared or rshared.',
  },
  eachContainer((container) => {
    const shared = container.mounts.filter((m) => m.propagation === 'shared' || m.propagation === 'rshared');
    if (shared.length > 0) {
      return fail(
        `Mounts: ${shared.map((m) => `${formatMount(m)} propagation ${m.propagation}`).join('; ')}`,
      );
    }
    if (container.mounts.length === 0) return pass('no mounts');
    return pass(`no shared propagation on ${countOf(container.mounts.length, 'mount')}`);
  }),
);
