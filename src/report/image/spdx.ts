// `image scan --format spdx`: an SPDX 2.3 JSON document: the image as the described package, every package found
// with its purl as an external reference and its layer, and CONTAINS relationships from the image to each.
import type { Writable } from 'node:stream';
import type { ImageScanResult } from '../../core/image/image-scan.js';
import { writeText } from '../write-text.js';
import type { SbomTool } from './cyclonedx.js';

/** SPDX times are whole seconds in UTC (`2026-11-22T08:00:00Z`). */
function spdxTime(iso: string): string {
  return `${new Date(iso).toISOString().slice(0, 19)}Z`;
}

/** SPDX ids allow letters, digits, `.` and `-` only. */
function spdxId(text: string): string {
  return `SPDXRef-${text.replace(/[^A-Za-z0-9.-]/g, '-')}`;
}

export function buildSpdx(result: ImageScanResult, tool: SbomTool): Record<string, unknown> {
  const image = 'SPDXRef-Image';
  const ids = result.packages.map((p, i) => spdxId(`Package-${i + 1}-${p.name}`));
  const digest = result.image.digest.replace(/^sha256:/, '');
  return {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name: `${result.image.ref} (coastguard image scan)`,
    documentNamespace: `urn:coastguard:spdx:${digest || 'image'}:${spdxTime(result.scannedAt)}`,
    creationInfo: {
      created: spdxTime(result.scannedAt),
      creators: [`Tool: ${tool.name}-${tool.version}`],
    },
    documentDescribes: [image],
    packages: [
      {
        SPDXID: image,
        name: result.image.ref,
        ...(result.image.digest === '' ? {} : { versionInfo: result.image.digest }),
        downloadLocation: 'NOASSERTION',
        filesAnalyzed: false,
        primaryPackagePurpose: 'CONTAINER',
        ...(result.image.digest === ''
          ? {}
          : { checksums: [{ algorithm: 'SHA256', checksumValue: digest }] }),
      },
      ...result.packages.map((p, i) => ({
        SPDXID: ids[i],
        name: p.name,
        versionInfo: p.version,
        downloadLocation: 'NOASSERTION',
        filesAnalyzed: false,
        primaryPackagePurpose: 'LIBRARY',
        externalRefs: [
          { referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: p.purl },
        ],
        sourceInfo: `layer ${p.layer}${p.location === undefined ? '' : `, ${p.location}`}`,
      })),
    ],
    relationships: [
      { spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: image },
      ...ids.map((id) => ({ spdxElementId: image, relationshipType: 'CONTAINS', relatedSpdxElement: id })),
    ],
  };
}

export async function writeImageScanSpdx(
  result: ImageScanResult,
  out: Writable,
  tool: SbomTool,
): Promise<void> {
  await writeText(out, `${JSON.stringify(buildSpdx(result, tool), null, 2)}\n`);
}
