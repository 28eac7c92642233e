import { describe, expect, it } from 'vitest';
import {
  sarifValidator,
  spdx23Validator,
  validateCycloneDx16,
} from '../../../test/support/sbom-validators.js';
import type { ImageScanResult } from '../../core/image/image-scan.js';
import { buildCycloneDx } from './cyclonedx.js';
import { buildSarif } from './sarif.js';
import { buildSpdx } from './spdx.js';

const LAYER = `sha256:${'a'.repeat(64)}`;
const TOOL = { name: 'coastguard', version: '0.0.0-test' };

const RESULT: ImageScanResult = {
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
  secrets: [{ type: 'github-token', path: 'ENV API_TOKEN', layer: 'config', hash: 'c0ffee12' }],
  warnings: [],
  diagnostics: [],
  scannedAt: '2026-11-22T08:00:00.123Z',
};

describe('image SBOM and SARIF formats', () => {
  it('CycloneDX 1.6 passes the CycloneDX library validation; duplicate purls get distinct refs', async () => {
    const bom = buildCycloneDx(RESULT, TOOL);
    expect(await validateCycloneDx16(JSON.stringify(bom))).toBeNull();
    const refs = (bom.components as { 'bom-ref': string }[]).map((c) => c['bom-ref']);
    expect(new Set(refs).size).toBe(3);
    // The validator has teeth: a component type outside the specification is refused.
    const bad = { ...bom, components: [{ type: 'gadget', name: 'x' }] };
    expect(await validateCycloneDx16(JSON.stringify(bad))).not.toBeNull();
  });

  it('SARIF 2.1.0 passes the official schema; one rule per advisory and secret type', () => {
    const sarif = buildSarif(RESULT, TOOL) as {
      runs: { tool: { driver: { rules: unknown[] } }; results: { level: string }[] }[];
    };
    const validate = sarifValidator();
    expect(validate(sarif), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(sarif.runs[0]?.tool.driver.rules).toHaveLength(3);
    expect(sarif.runs[0]?.results.map((r) => r.level)).toEqual(['error', 'warning', 'error']);
    expect(validate({ version: '2.1.0', runs: [{ results: [] }] })).toBe(false);
  });

  it('SPDX 2.3 has the required fields and valid ids, whatever the package names', () => {
    const doc = buildSpdx(RESULT, TOOL) as {
      creationInfo: { created: string };
      packages: { SPDXID: string }[];
    };
    const validate = spdx23Validator();
    expect(validate(doc), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(doc.creationInfo.created).toBe('2026-11-22T08:00:00Z');
    expect(doc.packages.map((p) => p.SPDXID)).toEqual([
      'SPDXRef-Image',
      'SPDXRef-Package-1-left-pad',
      'SPDXRef-Package-2-left-pad',
      'SPDXRef-Package-3-zlib1g',
    ]);
    expect(validate({ ...doc, spdxVersion: 'SPDX-2.2' })).toBe(false);
  });
});
