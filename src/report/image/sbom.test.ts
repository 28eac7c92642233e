import { describe, expect, it } from 'vitest';
import { IMAGE_SCAN, TOOL } from '../../../test/support/image-scan-result.js';
import {
  sarifValidator,
  spdx23Validator,
  validateCycloneDx16,
} from '../../../test/support/sbom-validators.js';
import { buildCycloneDx } from './cyclonedx.js';
import { buildSarif } from './sarif.js';
import { buildSpdx } from './spdx.js';

describe('image SBOM and SARIF formats', () => {
  it('CycloneDX 1.6 passes the CycloneDX library validation; duplicate purls get distinct refs', async () => {
    const bom = buildCycloneDx(IMAGE_SCAN, TOOL);
    expect(await validateCycloneDx16(JSON.stringify(bom))).toBeNull();
    const refs = (bom.components as { 'bom-ref': string }[]).map((c) => c['bom-ref']);
    expect(new Set(refs).size).toBe(3);
    // The validator has teeth: a component type outside the specification is refused.
    const bad = { ...bom, components: [{ type: 'gadget', name: 'x' }] };
    expect(await validateCycloneDx16(JSON.stringify(bad))).not.toBeNull();
  });

  it('SARIF 2.1.0 passes the official schema; one rule per advisory and secret type', () => {
    const sarif = buildSarif(IMAGE_SCAN, TOOL) as {
      runs: { tool: { driver: { rules: unknown[] } }; results: { level: string }[] }[];
    };
    const validate = sarifValidator();
    expect(validate(sarif), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(sarif.runs[0]?.tool.driver.rules).toHaveLength(4);
    expect(sarif.runs[0]?.results.map((r) => r.level)).toEqual(['error', 'warning', 'error', 'error']);
    expect(validate({ version: '2.1.0', runs: [{ results: [] }] })).toBe(false);
  });

  it('SPDX 2.3 has the required fields and valid ids, whatever the package names', () => {
    const doc = buildSpdx(IMAGE_SCAN, TOOL) as {
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
