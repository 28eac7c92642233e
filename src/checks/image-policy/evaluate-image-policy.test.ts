import { describe, expect, it } from 'vitest';
import { normalizeImageName, repositoryOf } from '../../core/image/image-policy.js';
import type { ImageScanResult } from '../../core/image/image-scan.js';
import { evaluateImagePolicy, type PolicyTarget } from './evaluate-image-policy.js';

const BASE_LAYER = `sha256:${'b'.repeat(64)}`;
const APP_LAYER = `sha256:${'a'.repeat(64)}`;

const SCAN: ImageScanResult = {
  image: { ref: 'registry.example.com/team/app:1', digest: 'sha256:img', tags: [] },
  layers: [
    { diffId: BASE_LAYER, base: true },
    { diffId: APP_LAYER, base: false },
  ],
  baseImage: { ref: 'registry.example.com/base/debian:12', layers: 1 },
  packages: [
    {
      name: 'openssl',
      version: '3.0.11-1',
      ecosystem: 'deb',
      purl: 'pkg:deb/debian/openssl@3.0.11-1?distro=debian-12',
      layer: BASE_LAYER,
    },
    {
      name: 'lodash',
      version: '4.17.11',
      ecosystem: 'npm',
      purl: 'pkg:npm/lodash@4.17.11',
      layer: APP_LAYER,
    },
    {
      name: 'express',
      version: '4.18.2',
      ecosystem: 'npm',
      purl: 'pkg:npm/express@4.18.2',
      layer: APP_LAYER,
    },
  ],
  vulnerabilities: [
    {
      id: 'GHSA-1',
      aliases: [],
      package: 'lodash',
      ecosystem: 'npm',
      installedVersion: '4.17.11',
      fixedVersion: '4.17.21',
      severity: 'high',
      layer: APP_LAYER,
      fixedBy: 'application',
    },
    {
      id: 'DEBIAN-CVE-2',
      aliases: [],
      package: 'openssl',
      ecosystem: 'deb',
      installedVersion: '3.0.11-1',
      severity: 'critical',
      layer: BASE_LAYER,
      fixedBy: 'none',
    },
  ],
  secrets: [],
  warnings: [],
  diagnostics: [],
  scannedAt: '2026-11-22T00:00:00.000Z',
};

const target = (names: string[] = [SCAN.image.ref], scan: ImageScanResult = SCAN): PolicyTarget => ({
  scan,
  names,
  subject: { kind: 'image', id: 'sha256:img', name: names[0] ?? 'sha256:img' },
});

describe('image references', () => {
  it('normalize as Docker does', () => {
    expect(normalizeImageName('nginx:1.25')).toBe('docker.io/library/nginx:1.25');
    expect(normalizeImageName('bitnami/redis')).toBe('docker.io/bitnami/redis');
    expect(normalizeImageName('localhost:5000/app:1')).toBe('localhost:5000/app:1');
    expect(repositoryOf('localhost:5000/app:1')).toBe('localhost:5000/app');
    expect(repositoryOf('registry.example.com/team/app@sha256:abc')).toBe('registry.example.com/team/app');
  });
});

describe('evaluateImagePolicy', () => {
  it('no rule configured, no result', () => {
    expect(evaluateImagePolicy(target(), {})).toEqual([]);
  });

  it('allowed registries judge every name of the image; Docker Hub names are normalized first', () => {
    const policy = { allowedRegistries: ['registry.example.com/*'] };
    expect(evaluateImagePolicy(target(), policy)[0]).toMatchObject({
      checkId: 'image-untrusted-registry',
      status: 'pass',
    });
    const hub = evaluateImagePolicy(target(['registry.example.com/team/app:1', 'nginx:1']), policy)[0];
    expect(hub).toMatchObject({
      status: 'fail',
      evidence: expect.stringContaining('docker.io/library/nginx not in an allowed registry'),
    });
    expect(evaluateImagePolicy(target([]), policy)[0]?.status).toBe('manual');
  });

  it('approved base images: the identified base must match; none identified is for a person', () => {
    expect(
      evaluateImagePolicy(target(), { approvedBaseImages: ['registry.example.com/base/*'] })[0]?.status,
    ).toBe('pass');
    expect(
      evaluateImagePolicy(target(), { approvedBaseImages: ['registry.example.com/hardened/*'] })[0],
    ).toMatchObject({
      status: 'fail',
      evidence: expect.stringContaining(
        'built on registry.example.com/base/debian:12, not an approved base image',
      ),
    });
    const { baseImage: _, ...unknownBase } = SCAN;
    expect(
      evaluateImagePolicy(target(undefined, unknownBase), { approvedBaseImages: ['*'] })[0]?.status,
    ).toBe('manual');
  });

  it('denied packages anywhere and unapproved application packages fail image-build-hygiene, by purl', () => {
    const denied = evaluateImagePolicy(target(), { packages: { deny: ['pkg:npm/lodash@4.17.1*'] } })[0];
    expect(denied).toMatchObject({
      checkId: 'image-build-hygiene',
      status: 'fail',
      evidence: 'denied: pkg:npm/lodash@4.17.11',
    });
    // The allow list covers the application's layers only: the base image's openssl is not judged by it.
    const allowed = evaluateImagePolicy(target(), { packages: { allow: ['pkg:npm/express@*'] } })[0];
    expect(allowed?.evidence).toBe('not approved: pkg:npm/lodash@4.17.11');
    expect(evaluateImagePolicy(target(), { packages: { allow: ['pkg:npm/*'] } })[0]?.status).toBe('pass');
  });

  it('the severity gate counts fixable vulnerabilities at or above it only', () => {
    expect(evaluateImagePolicy(target(), { failOn: 'high' })[0]).toMatchObject({
      checkId: 'image-vuln-critical-unpatched',
      status: 'fail',
      evidence: '1 fixable at or above high: GHSA-1 lodash → 4.17.21',
    });
    expect(evaluateImagePolicy(target(), { failOn: 'critical' })[0]?.status).toBe('pass');
  });
});
