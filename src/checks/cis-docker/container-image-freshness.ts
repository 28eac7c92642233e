// CIS Docker 1.6 §5.28: `docker run` reuses a cached tag, so a container may run an older image than its tag now
// names. Whether the image is the latest one is known only to the registry, so a person compares.
import { defineCheck } from './define-check.js';
import { eachContainer, manual } from './judge.js';

export const containerImageFreshness = defineCheck(
  {
    cisId: '5.28',
    checkId: 'image-immutable-reference',
    title: 'Ensure that Docker commands always make use of the latest version of their image',
    scope: 'container',
    severity: 'low',
    automation: 'manual',
    remediation:
      'Pull before running (docker run --pull always) or deploy by digest, and recreate outdated containers.',
  },
  eachContainer((container) =>
    manual(
      `Config.Image=${container.image || '?'} (Image=${container.imageId || '?'}): confirm it is the current version of that reference`,
    ),
  ),
);
