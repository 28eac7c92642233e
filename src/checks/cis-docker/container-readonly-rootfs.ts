// CIS Docker 1.6 §5.13: a read-only root filesystem stops an intruder from changing the container's binaries and
// makes every place the application writes an explicit volume or tmpfs.
import { defineCheck } from './define-check.js';
import { eachContainer, fail, pass } from './judge.js';

export const containerReadonlyRootfs = defineCheck(
  {
    cisId: '5.13',
    checkId: 'container-readonly-rootfs',
    title: "Ensure that the container's root filesystem is mounted as read only",
    scope: 'container',
    severity: 'medium',
    automation: 'automated',
    remediation: 'Run with --read-only and give the paths the application writes a volume or --tmpfs.',
  },
  eachContainer((container) =>
    container.isReadOnlyRootfs
      ? pass('HostConfig.ReadonlyRootfs=true')
      : fail('HostConfig.ReadonlyRootfs=false'),
  ),
);
