// CIS Docker 1.6 §4.2, §4.3, §4.4, §4.8: questions about an image's origin and content that a person answers, with
// the facts we hold about each image.
import type { Image } from '../../core/inventory/image.js';
import { defineCheck } from './define-check.js';
import { eachImage, formatBytes, manual } from './judge.js';

const DAY_MS = 24 * 60 * 60 * 1000;

function describeOrigin(image: Image): string {
  const tags = image.repoTags.filter((t) => t !== '<none>:<none>');
  const named = tags.length > 0 ? `tags ${tags.join(', ')}` : 'no tags';
  const digests =
    image.repoDigests.length > 0
      ? `digests ${image.repoDigests.join(', ')}`
      : 'no registry digest (built or imported here)';
  return `${named}; ${digests}`;
}

export const imageTrustedBase = defineCheck(
  {
    cisId: '4.2',
    checkId: 'image-untrusted-registry',
    title: 'Ensure that containers use only trusted base images',
    scope: 'image',
    severity: 'medium',
    automation: 'manual',
    remediation: 'Build only from base images of approved registries and publishers, pinned by digest.',
  },
  eachImage((image) =>
    manual(`${describeOrigin(image)}: confirm the image and its base come from a trusted source`),
  ),
);

export const imagePackages = defineCheck(
  {
    cisId: '4.3',
    checkId: 'image-build-hygiene',
    title: 'Ensure that unnecessary packages are not installed in the container',
    scope: 'image',
    severity: 'low',
    automation: 'manual',
    remediation:
      'Start from a minimal base image and install only the packages the application needs at runtime.',
  },
  eachImage((image) =>
    manual(
      `${formatBytes(image.sizeBytes)} in ${image.layers.length} layers: review the installed packages for any the application does not need`,
    ),
  ),
);

export const imagePatching = defineCheck(
  {
    cisId: '4.4',
    checkId: 'image-base-outdated',
    title: 'Ensure images are scanned and rebuilt to include security patches',
    scope: 'image',
    severity: 'medium',
    automation: 'manual',
    remediation: 'Scan images for vulnerabilities on a schedule and rebuild them on a patched base image.',
  },
  eachImage((image, snapshot) => {
    const created = image.created ? Date.parse(image.created) : Number.NaN;
    const collected = Date.parse(snapshot.collectedAt);
    const age =
      Number.isNaN(created) || Number.isNaN(collected)
        ? 'build date unknown'
        : `built ${image.created}, ${Math.max(0, Math.floor((collected - created) / DAY_MS))} days before this scan`;
    return manual(`${age}: confirm it has been scanned and rebuilt with current security patches`);
  }),
);

export const imageSetuid = defineCheck(
  {
    cisId: '4.8',
    checkId: 'image-build-hygiene',
    title: 'Ensure setuid and setgid permissions are removed',
    scope: 'image',
    severity: 'low',
    automation: 'manual',
    remediation:
      'Remove setuid/setgid bits in the Dockerfile (chmod a-s) from every binary the application does not need.',
  },
  eachImage(() =>
    manual(
      'list the setuid/setgid files in the image (find / -perm /6000 -type f) and confirm each one is needed',
    ),
  ),
);
