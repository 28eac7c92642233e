// CIS Docker 1.6 §4.5: content trust is a setting of each docker client (DOCKER_CONTENT_TRUST), invisible to the
// daemon, so a person confirms it wherever images are pulled or pushed.
import { defineCheck } from './define-check.js';
import { countOf, manual, onHost } from './judge.js';

export const imageContentTrust = defineCheck(
  {
    cisId: '4.5',
    checkId: 'image-signature-verified',
    title: 'Ensure Content trust for Docker is Enabled',
    scope: 'host',
    severity: 'high',
    automation: 'manual',
    remediation:
      'Export DOCKER_CONTENT_TRUST=1 in every shell profile and pipeline that pulls, pushes or builds images.',
  },
  onHost(({ images }) =>
    manual(
      `DOCKER_CONTENT_TRUST is a client setting the daemon does not report: confirm it is 1 for every client that pulled the ${countOf(images.length, 'image')} here`,
    ),
  ),
);
