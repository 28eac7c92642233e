// An image scan result with hostile text (quotes, markup, spaces in names), two findings and two secrets, shared by
// the tests of the image report formats.
import type { ImageScanResult } from '../../src/core/image/image-scan.js';

const LAYER = `sha256:${'a'.repeat(64)}`;
export const TOOL = { name: 'coastguard', version: '0.0.0-test' };

export const IMAGE_SCAN: ImageScanResult = {
  image: { ref: 'registry.example/app:1 "quoted"', digest: `sha256:${'b'.repeat(64)}`, tags: [] },
  layers: [{ diffId: LAYER, base: false }],
  packages: [
    {
      name: 'left pad',
      version: '1.0.0',
      ecosystem: 'npm',
      purl: 'pkg:npm/left%20pad@1.0.0',
      layer: LAYER,
      location: '/app/node modules/left pad/package.json',
    },
    {
      name: 'left pad',
      version: '1.0.0',
      ecosystem: 'npm',
      purl: 'pkg:npm/left%20pad@1.0.0',
      layer: LAYER,
      location: '/srv/x/package.json',
    },
    {
      name: 'zlib1g',
      version: '1:1.2.13',
      ecosystem: 'deb',
      purl: 'pkg:deb/debian/zlib1g@1%3A1.2.13?distro=debian-12',
      layer: LAYER,
    },
  ],
  vulnerabilities: [
    {
      id: 'GHSA-xxxx-yyyy-zzzz',
      aliases: ['CVE-2026-0001'],
      package: 'left pad',
      ecosystem: 'npm',
      installedVersion: '1.0.0',
      fixedVersion: '1.0.1',
      severity: 'high',
      cvss: { version: '3.1', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N', baseScore: 7.5 },
      layer: LAYER,
      fixedBy: 'application',
      summary: '<script>alert(1)</script>',
    },
    {
      id: 'DEBIAN-CVE-2023-45853',
      aliases: [],
      package: 'zlib1g',
      ecosystem: 'deb',
      installedVersion: '1:1.2.13',
      severity: 'unknown',
      layer: LAYER,
      fixedBy: 'none',
    },
  ],
  secrets: [
    { type: 'github-token', path: 'ENV API_TOKEN', layer: 'config', hash: 'c0ffee12' },
    { type: 'private-key', path: '/root/<img src=x onerror=alert(1)>.pem', layer: LAYER, hash: 'deadbeef' },
  ],
  warnings: [],
  diagnostics: [],
  scannedAt: '2026-11-22T08:00:00.123Z',
};
