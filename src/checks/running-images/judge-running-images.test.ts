import { describe, expect, it } from 'vitest';
import { makeContainer } from '../../../test/support/snapshot.js';
import type { ImageScanResult, ScannedVulnerability } from '../../core/image/image-scan.js';
import { type DatabaseState, judgeRunningImages, type RunningImage } from './judge-running-images.js';

const LAYER = `sha256:${'a'.repeat(64)}`;
const FRESH: DatabaseState = { isEmpty: false, ageDays: 1, maxAgeDays: 7 };

function vuln(
  id: string,
  severity: ScannedVulnerability['severity'],
  fixedVersion?: string,
): ScannedVulnerability {
  return {
    id,
    aliases: [],
    package: 'openssl',
    ecosystem: 'deb',
    installedVersion: '3.0.11-1',
    ...(fixedVersion === undefined ? {} : { fixedVersion }),
    severity,
    layer: LAYER,
    fixedBy: fixedVersion === undefined ? 'none' : 'base',
  };
}

function scanOf(
  vulnerabilities: ScannedVulnerability[],
  secrets: ImageScanResult['secrets'] = [],
): ImageScanResult {
  return {
    image: { ref: 'web:1', digest: 'sha256:img', tags: ['web:1'] },
    layers: [{ diffId: LAYER, base: true }],
    packages: [],
    vulnerabilities,
    secrets,
    warnings: [],
    diagnostics: [],
    scannedAt: '2026-11-22T00:00:00.000Z',
  };
}

const web = makeContainer({ id: 'c1', name: 'web', image: 'web:1', imageId: 'sha256:img' });
const api = makeContainer({ id: 'c2', name: 'api', image: 'web:1', imageId: 'sha256:img' });

function judge(image: Partial<RunningImage>, db: DatabaseState = FRESH) {
  const images = new Map([['sha256:img', { imageId: 'sha256:img', ref: 'web:1', ...image }]]);
  return judgeRunningImages([web, api], images, db);
}

describe('judgeRunningImages', () => {
  it('fails every container of an image with a fixable critical or high vulnerability, naming it and the fix', () => {
    const results = judge({ scan: scanOf([vuln('CVE-1', 'critical', '3.0.13-1'), vuln('CVE-2', 'high')]) });
    const containers = results.filter((r) => r.checkId === 'image-vuln-critical-unpatched');
    expect(containers.map((r) => [r.subject.name, r.status])).toEqual([
      ['web', 'fail'],
      ['api', 'fail'],
    ]);
    expect(containers[0]?.evidence).toContain(
      'CVE-1 openssl 3.0.11-1 → 3.0.13-1 (critical; rebuild on an updated base image)',
    );
    expect(containers[0]?.evidence).not.toContain('CVE-2');
    expect(containers[0]?.remediation).toMatch(/updated base image/);
  });

  it('passes when the only serious vulnerabilities have no fix yet, or the fixable ones are medium', () => {
    const results = judge({ scan: scanOf([vuln('CVE-2', 'high'), vuln('CVE-3', 'medium', '2')]) });
    expect(results.filter((r) => r.checkId === 'image-vuln-critical-unpatched').map((r) => r.status)).toEqual(
      ['pass', 'pass'],
    );
  });

  it('one result per image for secrets (types and places, never values) and coverage', () => {
    const secret = { type: 'aws-access-key', path: '/app/.env', layer: LAYER, hash: '0123456789ab' };
    const results = judge({ scan: scanOf([], [secret]) });
    const perImage = results.filter((r) => r.subject.kind === 'image');
    expect(perImage.map((r) => [r.checkId, r.status])).toEqual([
      ['image-vuln-scan-coverage', 'pass'],
      ['image-secrets-embedded', 'fail'],
    ]);
    expect(perImage[1]?.evidence).toContain('aws-access-key in /app/.env');
  });

  it('an empty database decides nothing about vulnerabilities and fails coverage; a stale one fails coverage', () => {
    const empty = judge({ scan: scanOf([]) }, { isEmpty: true, ageDays: 0, maxAgeDays: 7 });
    expect(empty.find((r) => r.checkId === 'image-vuln-critical-unpatched')?.status).toBe('manual');
    expect(empty.find((r) => r.checkId === 'image-vuln-scan-coverage')?.status).toBe('fail');
    const stale = judge({ scan: scanOf([]) }, { isEmpty: false, ageDays: 30, maxAgeDays: 7 });
    expect(stale.find((r) => r.checkId === 'image-vuln-scan-coverage')?.evidence).toContain(
      '30 days old (limit 7)',
    );
  });

  it('an image that could not be scanned is an error on its containers and its coverage, never a pass', () => {
    const results = judge({ error: 'layer 3 is truncated' });
    expect(results.map((r) => r.status)).toEqual(['error', 'error', 'error']);
    expect(results[0]?.evidence).toContain('layer 3 is truncated');
  });
});
