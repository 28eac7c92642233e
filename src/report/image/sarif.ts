// `image scan --format sarif`: SARIF 2.1.0 for CI code scanning. One rule per advisory and per secret type, one
// result per finding, located at the file in the image that declares the package (or holds the secret) with the
// layer as a logical location. security-severity carries the CVSS score where known, as code-scanning UIs expect.
import { createHash } from 'node:crypto';
import type { Writable } from 'node:stream';
import type { ImageScanResult, ScannedVulnerability } from '../../core/image/image-scan.js';
import type { VulnerabilitySeverity } from '../../core/result/vulnerability.js';
import { writeText } from '../write-text.js';
import type { SbomTool } from './cyclonedx.js';

type Level = 'error' | 'warning' | 'note';

const LEVELS: Record<VulnerabilitySeverity, Level> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
  unknown: 'warning',
};

/** Scores code-scanning uses when no CVSS score is known, by severity (its own bands' midpoints). */
const DEFAULT_SCORES: Record<VulnerabilitySeverity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '2.0',
  info: '0.0',
  unknown: '5.0',
};

function fingerprint(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}

/** A path in the image as a relative URI (SARIF locations are URIs; image paths are absolute). */
function uriOf(path: string): string {
  return encodeURI(path.replace(/^\/+/, ''));
}

function location(path: string | undefined, layer: string): Record<string, unknown> {
  return {
    physicalLocation: { artifactLocation: { uri: uriOf(path ?? `layers/${layer}`) } },
    logicalLocations: [{ name: layer, kind: 'module' }],
  };
}

function packagePath(result: ImageScanResult, v: ScannedVulnerability): string | undefined {
  return result.packages.find(
    (p) => p.name === v.package && p.version === v.installedVersion && p.layer === v.layer,
  )?.location;
}

export function buildSarif(result: ImageScanResult, tool: SbomTool): Record<string, unknown> {
  const rules: Record<string, unknown>[] = [];
  const ruleIndex = new Map<string, number>();
  const ruleFor = (id: string, make: () => Record<string, unknown>): number => {
    const known = ruleIndex.get(id);
    if (known !== undefined) return known;
    rules.push({ id, ...make() });
    ruleIndex.set(id, rules.length - 1);
    return rules.length - 1;
  };
  const vulnerabilities = result.vulnerabilities.map((v) => {
    const index = ruleFor(v.id, () => ({
      shortDescription: { text: v.summary ?? `${v.id} in ${v.package}` },
      ...(v.aliases.length === 0
        ? {}
        : { fullDescription: { text: `Also known as ${v.aliases.join(', ')}.` } }),
      help: {
        text:
          v.fixedVersion === undefined
            ? 'No fixed version is known yet; watch the advisory.'
            : `Upgrade ${v.package} to ${v.fixedVersion} or later.`,
      },
      defaultConfiguration: { level: LEVELS[v.severity] },
      properties: {
        tags: ['security', 'vulnerability'],
        'security-severity': v.cvss === undefined ? DEFAULT_SCORES[v.severity] : v.cvss.baseScore.toFixed(1),
      },
    }));
    const fix =
      v.fixedVersion === undefined
        ? 'no fix yet'
        : `fixed in ${v.fixedVersion} (${v.fixedBy === 'base' ? 'rebuild on an updated base image' : 'change the application layers'})`;
    return {
      ruleId: v.id,
      ruleIndex: index,
      level: LEVELS[v.severity],
      message: { text: `${v.package} ${v.installedVersion} is affected by ${v.id}; ${fix}.` },
      locations: [location(packagePath(result, v), v.layer)],
      partialFingerprints: {
        'coastguard/v1': fingerprint(result.image.ref, v.id, v.package, v.installedVersion),
      },
    };
  });
  const secrets = result.secrets.map((s) => {
    const id = `secret/${s.type}`;
    const index = ruleFor(id, () => ({
      shortDescription: { text: `A ${s.type} is stored in the image` },
      help: { text: 'Remove it from the image, rotate it, and pass it at run time from a secret store.' },
      defaultConfiguration: { level: 'error' },
      properties: { tags: ['security', 'secret'], 'security-severity': '8.0' },
    }));
    const where = location(s.layer === 'config' ? 'image-config' : s.path, s.layer);
    return {
      ruleId: id,
      ruleIndex: index,
      level: 'error',
      message: { text: `A ${s.type} (sha256 ${s.hash}, value not shown) is in ${s.path}.` },
      locations: [
        s.line === undefined
          ? where
          : {
              ...where,
              physicalLocation: { ...(where.physicalLocation as object), region: { startLine: s.line } },
            },
      ],
      partialFingerprints: { 'coastguard/v1': fingerprint(result.image.ref, id, s.path, s.hash) },
    };
  });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: tool.name, version: tool.version, rules } },
        automationDetails: { id: `coastguard/image/${result.image.ref}` },
        results: [...vulnerabilities, ...secrets],
        properties: { image: result.image.ref, digest: result.image.digest },
      },
    ],
  };
}

export async function writeImageScanSarif(
  result: ImageScanResult,
  out: Writable,
  tool: SbomTool,
): Promise<void> {
  await writeText(out, `${JSON.stringify(buildSarif(result, tool), null, 2)}\n`);
}
