// An image judged against `imagePolicy:` (pure). Each rule is a check of checks.json, so policy results flow into
// findings and the compliance mapping like any other: allowed registries and approved base images →
// image-untrusted-registry (CIS 4.2, trusted base images); denied or unapproved packages → image-build-hygiene
// (CIS 4.3, no unnecessary packages); the severity gate → image-vuln-critical-unpatched. A rule not configured
// produces nothing.
import { matchesGlob } from '../../core/glob.js';
import { type ImagePolicy, normalizeImageName, repositoryOf } from '../../core/image/image-policy.js';
import type { ImageScanResult } from '../../core/image/image-scan.js';
import type { CheckResult, Subject } from '../../core/result/check-result.js';
import { isAtLeast } from '../../core/result/severity.js';

export interface PolicyTarget {
  scan: ImageScanResult;
  /** The names the image goes by (its reference and tags); ids and archive paths are not names. */
  names: readonly string[];
  subject: Subject;
}

const LISTED = 5;

function listed(items: readonly string[]): string {
  return items.length > LISTED
    ? `${items.slice(0, LISTED).join(', ')} and ${items.length - LISTED} more`
    : items.join(', ');
}

function registryResult(target: PolicyTarget, allowed: readonly string[]): CheckResult {
  const base = {
    checkId: 'image-untrusted-registry',
    title: 'Images come only from approved registries',
    severity: 'medium' as const,
    subject: target.subject,
    remediation: 'Pull and deploy images only from the registries imagePolicy.allowedRegistries lists.',
  };
  const repositories = target.names.map((n) => repositoryOf(normalizeImageName(n)));
  if (repositories.length === 0) {
    return {
      ...base,
      status: 'manual',
      evidence: 'the image has no name to tell its registry by (an unnamed archive or id)',
    };
  }
  const outside = repositories.filter((r) => !matchesGlob(r, allowed));
  return outside.length === 0
    ? { ...base, status: 'pass', evidence: `${listed(repositories)} in an allowed registry` }
    : {
        ...base,
        status: 'fail',
        evidence: `${listed(outside)} not in an allowed registry (${allowed.join(', ')})`,
      };
}

function baseImageResult(target: PolicyTarget, approved: readonly string[]): CheckResult {
  const base = {
    checkId: 'image-untrusted-registry',
    title: 'Images are built on approved base images',
    severity: 'medium' as const,
    subject: target.subject,
    remediation: 'Build on one of the base images imagePolicy.approvedBaseImages lists.',
  };
  const found = target.scan.baseImage?.ref;
  if (found === undefined) {
    return {
      ...base,
      status: 'manual',
      evidence:
        'no base image identified (none of its layer prefixes is an image in the engine, and no base label)',
    };
  }
  const name = normalizeImageName(found);
  return matchesGlob(name, approved)
    ? { ...base, status: 'pass', evidence: `built on ${name}, an approved base image` }
    : {
        ...base,
        status: 'fail',
        evidence: `built on ${name}, not an approved base image (${approved.join(', ')})`,
      };
}

/** A purl without its qualifiers and subpath, as policy globs are written. */
function purlCore(purl: string): string {
  return purl.replace(/[?#].*$/, '');
}

function packageResult(target: PolicyTarget, rules: NonNullable<ImagePolicy['packages']>): CheckResult {
  const base = {
    checkId: 'image-build-hygiene',
    title: 'Images contain only approved packages',
    severity: 'medium' as const,
    subject: target.subject,
  };
  const baseLayers = new Set(target.scan.layers.filter((l) => l.base).map((l) => l.diffId));
  const denied = target.scan.packages.filter((p) => matchesGlob(purlCore(p.purl), rules.deny ?? []));
  const allow = rules.allow ?? [];
  const unapproved =
    allow.length === 0
      ? []
      : target.scan.packages.filter((p) => !baseLayers.has(p.layer) && !matchesGlob(purlCore(p.purl), allow));
  const problems = [
    ...(denied.length === 0 ? [] : [`denied: ${listed(denied.map((p) => purlCore(p.purl)))}`]),
    ...(unapproved.length === 0 ? [] : [`not approved: ${listed(unapproved.map((p) => purlCore(p.purl)))}`]),
  ];
  return problems.length === 0
    ? {
        ...base,
        status: 'pass',
        evidence: `${target.scan.packages.length} packages, none denied or unapproved`,
        remediation: 'None needed.',
      }
    : {
        ...base,
        status: 'fail',
        evidence: problems.join('; '),
        remediation:
          'Remove the denied packages, or have the unapproved ones reviewed and added to imagePolicy.packages.allow.',
      };
}

function gateResult(target: PolicyTarget, failOn: NonNullable<ImagePolicy['failOn']>): CheckResult {
  const over = target.scan.vulnerabilities.filter(
    (v) => v.fixedVersion !== undefined && v.severity !== 'unknown' && isAtLeast(v.severity, failOn),
  );
  const base = {
    checkId: 'image-vuln-critical-unpatched',
    title: `No fixable vulnerability at or above ${failOn} (policy gate)`,
    severity: 'high' as const,
    subject: target.subject,
  };
  return over.length === 0
    ? {
        ...base,
        status: 'pass',
        evidence: `no fixable vulnerability at or above ${failOn}`,
        remediation: 'None needed.',
      }
    : {
        ...base,
        status: 'fail',
        evidence: `${over.length} fixable at or above ${failOn}: ${listed(over.map((v) => `${v.id} ${v.package} → ${v.fixedVersion}`))}`,
        remediation:
          'Apply the fixes (rebuild on an updated base image where the fix comes from it) and scan again.',
      };
}

export function evaluateImagePolicy(target: PolicyTarget, policy: ImagePolicy): CheckResult[] {
  return [
    ...(policy.allowedRegistries === undefined ? [] : [registryResult(target, policy.allowedRegistries)]),
    ...(policy.approvedBaseImages === undefined ? [] : [baseImageResult(target, policy.approvedBaseImages)]),
    ...(policy.packages === undefined ? [] : [packageResult(target, policy.packages)]),
    ...(policy.failOn === undefined ? [] : [gateResult(target, policy.failOn)]),
  ];
}
