// `image scan --format cyclonedx`: a CycloneDX 1.6 JSON SBOM of the image (validated in the tests with the CycloneDX
// library's own validator): the image as the described component, every package with its purl and layer, and the
// vulnerabilities with their ratings, fix and what they affect.
import { createHash } from 'node:crypto';
import type { Writable } from 'node:stream';
import type { ImageScanResult, ScannedVulnerability } from '../../core/image/image-scan.js';
import { writeText } from '../write-text.js';
import { packageRefs, refOfVulnerablePackage } from './bom-refs.js';

export interface SbomTool {
  name: string;
  version: string;
}

/** A version-5-style UUID from the image digest and scan time: the same scan gives the same serial number. */
function serialNumber(result: ImageScanResult): string {
  const hex = createHash('sha256').update(`${result.image.digest}\u0000${result.scannedAt}`).digest('hex');
  const variant = ((Number.parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16);
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}

function rating(v: ScannedVulnerability): Record<string, unknown>[] {
  const severity = v.severity === 'unknown' ? 'unknown' : v.severity;
  if (v.cvss === undefined) return [{ severity, method: 'other' }];
  const method = v.cvss.version === '4.0' ? 'CVSSv4' : v.cvss.version === '3.1' ? 'CVSSv31' : 'CVSSv3';
  return [{ score: v.cvss.baseScore, severity, method, vector: v.cvss.vector }];
}

export function buildCycloneDx(result: ImageScanResult, tool: SbomTool): Record<string, unknown> {
  const refs = packageRefs(result.packages);
  return {
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    serialNumber: serialNumber(result),
    version: 1,
    metadata: {
      timestamp: result.scannedAt,
      tools: { components: [{ type: 'application', name: tool.name, version: tool.version }] },
      component: {
        type: 'container',
        'bom-ref': 'image',
        name: result.image.ref,
        ...(result.image.digest === '' ? {} : { version: result.image.digest }),
        ...(result.image.os === undefined
          ? {}
          : {
              properties: [
                {
                  name: 'coastguard:os',
                  value: `${result.image.os.id} ${result.image.os.versionId ?? ''}`.trim(),
                },
              ],
            }),
      },
    },
    components: result.packages.map((p, i) => ({
      type: 'library',
      'bom-ref': refs[i],
      name: p.name,
      version: p.version,
      purl: p.purl,
      properties: [
        { name: 'coastguard:layer', value: p.layer },
        ...(p.location === undefined ? [] : [{ name: 'coastguard:location', value: p.location }]),
      ],
    })),
    dependencies: [{ ref: 'image', dependsOn: [...new Set(refs)] }],
    vulnerabilities: result.vulnerabilities.map((v, i) => {
      const affected = refOfVulnerablePackage(result.packages, refs, v);
      return {
        'bom-ref': `vulnerability-${i + 1}`,
        id: v.id,
        source: { name: 'OSV' },
        ...(v.aliases.length === 0
          ? {}
          : { references: v.aliases.map((alias) => ({ id: alias, source: { name: 'alias' } })) }),
        ratings: rating(v),
        ...(v.summary === undefined ? {} : { description: v.summary }),
        recommendation:
          v.fixedVersion === undefined
            ? 'No fixed version is known yet.'
            : `Upgrade ${v.package} to ${v.fixedVersion} (${v.fixedBy === 'base' ? 'rebuild on an updated base image' : 'change the application layers'}).`,
        ...(affected === undefined
          ? {}
          : {
              affects: [{ ref: affected, versions: [{ version: v.installedVersion, status: 'affected' }] }],
            }),
        properties: [{ name: 'coastguard:fixedBy', value: v.fixedBy }],
      };
    }),
  };
}

export async function writeImageScanCycloneDx(
  result: ImageScanResult,
  out: Writable,
  tool: SbomTool,
): Promise<void> {
  await writeText(out, `${JSON.stringify(buildCycloneDx(result, tool), null, 2)}\n`);
}
