// CIS Docker 1.6 §4.11 and §4.12: packages and images must be verified against their signatures. Verification
// happens at build and deploy time; the build history can only show where it was switched off.
import type { Image } from '../../core/inventory/image.js';
import { defineCheck } from './define-check.js';
import { parseHistoryInstruction } from './image-history.js';
import { countOf, eachImage, fail, manual, onHost } from './judge.js';

/** Package manager options that skip signature or TLS verification. */
const UNVERIFIED =
  /--allow-unauthenticated|--allow-insecure-repositories|AllowUnauthenticated|--nogpgcheck|gpgcheck=0|--no-gpg-checks|--allow-untrusted|--no-check-certificate|--trusted-host|\bcurl\s+(?:\S+\s+)*(?:-k|--insecure)\b/;

function findUnverified(image: Image): string[] {
  return image.history.flatMap((entry) => {
    const instruction = parseHistoryInstruction(entry.createdBy);
    if (instruction?.keyword !== 'RUN') return [];
    const match = UNVERIFIED.exec(instruction.body);
    return match ? [match[0].split(/\s+/).pop() ?? match[0]] : [];
  });
}

export const imageVerifiedPackages = defineCheck(
  {
    cisId: '4.11',
    checkId: 'image-signature-verified',
    title: 'Ensure only verified packages are installed',
    scope: 'image',
    severity: 'high',
    automation: 'automated',
    remediation:
      'Install packages only from signed repositories and remove options that skip signature checks.',
  },
  eachImage((image) => {
    const found = findUnverified(image);
    if (found.length > 0) {
      return fail(`build history skips package verification: ${[...new Set(found)].join(', ')}`);
    }
    return manual(
      'no verification bypass in the build history: confirm packages come from signed repositories',
    );
  }),
);

export const imageSignedArtifacts = defineCheck(
  {
    cisId: '4.12',
    checkId: 'image-signature-verified',
    title: 'Ensure all signed artifacts are validated',
    scope: 'host',
    severity: 'high',
    automation: 'manual',
    remediation: 'Verify image signatures (e.g. cosign verify or Notation) before images are deployed.',
  },
  onHost(({ images }) => {
    const pinned = images.filter((i) => i.repoDigests.length > 0).length;
    return manual(
      `${countOf(images.length, 'image')}, ${pinned} with a registry digest: confirm each one's signature was verified before deployment`,
    );
  }),
);
