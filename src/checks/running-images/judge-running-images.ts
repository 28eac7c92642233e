// The images of running containers, judged from their scans (pure: the scans are done by the pipeline):
// - image-vuln-critical-unpatched, per running container: a critical or high vulnerability with a published fix in
//   its image fails it (the containers are what is exposed; a fix means someone can act);
// - image-secrets-embedded, per image: secrets in its layers or configuration fail it (never their values);
// - image-vuln-scan-coverage, per image: scanned against a database no older than the limit passes it.
// An empty database decides nothing: vulnerabilities are manual, coverage fails.

import type { ImageScanResult, ScannedVulnerability } from '../../core/image/image-scan.js';
import type { Container } from '../../core/inventory/container.js';
import type { CheckResult, Subject } from '../../core/result/check-result.js';

export interface RunningImage {
  imageId: string;
  /** How containers name it (their image reference). */
  ref: string;
  scan?: ImageScanResult;
  /** Why it could not be scanned. */
  error?: string;
}

export interface DatabaseState {
  /** No advisory source imported. */
  isEmpty: boolean;
  /** Days since the newest import. */
  ageDays: number;
  maxAgeDays: number;
}

/** Fixable findings listed in evidence at most; the rest are counted. */
const LISTED = 5;

const VULN = {
  checkId: 'image-vuln-critical-unpatched',
  title: 'Images have no fixable critical/high vulnerabilities',
  severity: 'high',
} as const;
const SECRETS = {
  checkId: 'image-secrets-embedded',
  title: 'No secrets embedded in image layers or build files',
  severity: 'critical',
} as const;
const COVERAGE = {
  checkId: 'image-vuln-scan-coverage',
  title: 'Every running image has a recent vulnerability scan',
  severity: 'high',
} as const;

/** These checks as `coastguard checks` lists them (the host scan runs them on the images of running containers). */
export const RUNNING_IMAGE_CHECKS = [
  { ...VULN, id: VULN.checkId, scope: 'container', automation: 'automated' },
  { ...SECRETS, id: SECRETS.checkId, scope: 'image', automation: 'automated' },
  { ...COVERAGE, id: COVERAGE.checkId, scope: 'image', automation: 'automated' },
] as const;

function isFixableSerious(v: ScannedVulnerability): boolean {
  return v.fixedVersion !== undefined && (v.severity === 'critical' || v.severity === 'high');
}

function describeFix(v: ScannedVulnerability): string {
  const from =
    v.fixedBy === 'base' ? 'rebuild on an updated base image' : 'update it in the application layers';
  return `${v.id} ${v.package} ${v.installedVersion} → ${v.fixedVersion} (${v.severity}; ${from})`;
}

function judgeContainer(
  container: Container,
  image: RunningImage | undefined,
  db: DatabaseState,
): CheckResult {
  const subject: Subject = { kind: 'container', id: container.id, name: container.name };
  const base = { ...VULN, subject };
  if (image?.scan === undefined) {
    return {
      ...base,
      status: 'error',
      evidence: `image ${container.image} could not be scanned: ${image?.error ?? 'not scanned'}`,
      remediation: 'Fix what stopped the scan (see coastguard image scan) and scan again.',
    };
  }
  if (db.isEmpty) {
    return {
      ...base,
      status: 'manual',
      evidence: `image ${image.ref}: no vulnerability database imported, so its ${image.scan.packages.length} packages were not checked`,
      remediation: 'Import advisories: coastguard db update --source PATH|URL.',
    };
  }
  const fixable = image.scan.vulnerabilities.filter(isFixableSerious);
  if (fixable.length === 0) {
    return {
      ...base,
      status: 'pass',
      evidence: `image ${image.ref}: no critical or high vulnerability with a published fix (${image.scan.vulnerabilities.length} known in all)`,
      remediation: 'None needed.',
    };
  }
  const more = fixable.length > LISTED ? `; and ${fixable.length - LISTED} more` : '';
  const isBaseOnly = fixable.every((v) => v.fixedBy === 'base');
  return {
    ...base,
    status: 'fail',
    evidence: `image ${image.ref}: ${fixable.length} fixable critical/high: ${fixable.slice(0, LISTED).map(describeFix).join('; ')}${more}`,
    remediation: isBaseOnly
      ? 'Rebuild the image on an updated base image and redeploy the container.'
      : 'Update the listed packages (base image and application layers as noted), rebuild and redeploy.',
  };
}

function judgeSecrets(image: RunningImage, subject: Subject): CheckResult | undefined {
  if (image.scan === undefined) return undefined;
  const { secrets } = image.scan;
  return {
    ...SECRETS,
    subject,
    status: secrets.length === 0 ? 'pass' : 'fail',
    evidence:
      secrets.length === 0
        ? 'no secret found in any layer or in the image configuration'
        : `${secrets.length} secret(s), values not shown: ${secrets
            .slice(0, LISTED)
            .map(
              (s) =>
                `${s.type} in ${s.path} (${s.layer === 'config' ? 'image config' : `layer ${s.layer.slice(7, 19)}`}, hash ${s.hash})`,
            )
            .join('; ')}`,
    remediation:
      secrets.length === 0
        ? 'None needed.'
        : 'Remove the secrets from the image, rotate them, and pass them at run time from a secret store.',
  };
}

function judgeCoverage(image: RunningImage, subject: Subject, db: DatabaseState): CheckResult {
  const base = { ...COVERAGE, subject };
  if (image.scan === undefined) {
    return {
      ...base,
      status: 'error',
      evidence: `not scanned: ${image.error ?? 'unknown reason'}`,
      remediation: 'Fix what stopped the scan and scan again.',
    };
  }
  if (db.isEmpty || db.ageDays > db.maxAgeDays) {
    return {
      ...base,
      status: 'fail',
      evidence: db.isEmpty
        ? 'scanned, but the vulnerability database is empty'
        : `scanned against a vulnerability database ${db.ageDays} days old (limit ${db.maxAgeDays})`,
      remediation: 'Update the vulnerability database (coastguard db update) and scan again.',
    };
  }
  return {
    ...base,
    status: 'pass',
    evidence: `scanned ${image.scan.scannedAt} against a vulnerability database ${db.ageDays} day(s) old`,
    remediation: 'None needed.',
  };
}

/** Results for the running containers and each distinct image they run. */
export function judgeRunningImages(
  running: readonly Container[],
  images: ReadonlyMap<string, RunningImage>,
  db: DatabaseState,
): CheckResult[] {
  const perImage = [...images.values()].flatMap((image) => {
    const subject: Subject = { kind: 'image', id: image.imageId, name: image.ref };
    const secrets = judgeSecrets(image, subject);
    return [judgeCoverage(image, subject, db), ...(secrets === undefined ? [] : [secrets])];
  });
  return [...running.map((c) => judgeContainer(c, images.get(c.imageId), db)), ...perImage];
}
