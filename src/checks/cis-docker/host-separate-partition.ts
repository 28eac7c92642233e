// CIS Docker 1.6 §1.1.1: Docker's data root on its own filesystem, so images and containers cannot fill the host's
// root filesystem (and the OS with it).
import { defineCheck } from './define-check.js';
import { cannotTell, fail, onHost, pass } from './judge.js';

export const hostSeparatePartition = defineCheck(
  {
    cisId: '1.1.1',
    checkId: 'host-hardened-minimal-os',
    title: 'Ensure a separate partition for containers has been created',
    scope: 'host',
    severity: 'medium',
    automation: 'automated',
    remediation:
      "Move Docker's data root onto its own partition or logical volume and mount it there at boot.",
  },
  onHost(({ host }) => {
    const { path, isSeparateMount, mountPoint } = host.dataRoot;
    if (isSeparateMount === undefined) {
      return cannotTell(`could not tell whether ${path || 'the data root'} is a separate mount`);
    }
    if (isSeparateMount) return pass(`${path} is its own mount${mountPoint ? ` (${mountPoint})` : ''}`);
    return fail(`${path} is on the ${mountPoint ?? 'root'} filesystem, not a separate mount`);
  }),
);
