// `image scan` for a person at a terminal: what the image is, its vulnerabilities worst first with where the fix
// comes from, and its secrets (never their values). Untrusted text goes through toTerminalText.
import type { Writable } from 'node:stream';
import pc from 'picocolors';
import type { ImageScanResult, ScannedVulnerability } from '../../core/image/image-scan.js';
import { SEVERITIES } from '../../core/result/severity.js';
import { padTo, toTerminalText, truncate } from '../table/terminal-text.js';
import { writeText } from '../write-text.js';

const ORDER: readonly string[] = [...[...SEVERITIES].reverse(), 'unknown'];

function rank(v: ScannedVulnerability): number {
  const at = ORDER.indexOf(v.severity);
  return at < 0 ? ORDER.length : at;
}

export async function writeImageScanTable(
  result: ImageScanResult,
  out: Writable,
  options: { isColor: boolean; width?: number },
): Promise<void> {
  const c = pc.createColors(options.isColor);
  const t = (s: string) => toTerminalText(s);
  const lines: string[] = [];
  const { image } = result;
  lines.push(`${c.bold(`Image ${t(image.ref)}`)}  ${image.digest.slice(0, 19)}`);
  if (image.os) lines.push(`OS: ${t(image.os.prettyName ?? `${image.os.id} ${image.os.versionId ?? ''}`)}`);
  lines.push(
    `Layers: ${result.layers.length}` +
      (result.baseImage
        ? ` (base image ${t(result.baseImage.ref)}: ${result.baseImage.layers} layers)`
        : ' (no base image found)'),
  );
  lines.push(`Packages: ${result.packages.length}`);
  const counts = ORDER.map(
    (s) => [s, result.vulnerabilities.filter((v) => v.severity === s).length] as const,
  );
  lines.push(
    `Vulnerabilities: ${result.vulnerabilities.length}` +
      (result.vulnerabilities.length === 0
        ? ''
        : ` (${counts
            .filter(([, n]) => n > 0)
            .map(([s, n]) => `${n} ${s}`)
            .join(', ')})`),
  );
  for (const warning of result.warnings) lines.push(c.yellow(`warning: ${t(warning)}`));
  if (result.vulnerabilities.length > 0) {
    lines.push('');
    const width = Math.max(80, options.width ?? 120);
    const header = ['SEVERITY', 'ID', 'PACKAGE', 'INSTALLED', 'FIXED IN', 'FIX FROM'];
    const widths = [9, 24, 24, 22, 22, 11];
    lines.push(c.bold(header.map((h, i) => padTo(h, widths[i] ?? 10)).join(' ')));
    const sorted = [...result.vulnerabilities].sort(
      (a, b) => rank(a) - rank(b) || a.package.localeCompare(b.package) || a.id.localeCompare(b.id),
    );
    for (const v of sorted) {
      const cells = [v.severity, v.id, v.package, v.installedVersion, v.fixedVersion ?? '-', v.fixedBy];
      lines.push(
        truncate(
          cells.map((cell, i) => padTo(truncate(t(cell), widths[i] ?? 10), widths[i] ?? 10)).join(' '),
          width,
        ),
      );
    }
  }
  if (result.secrets.length > 0) {
    lines.push('', c.bold(`Secrets: ${result.secrets.length} (values never shown)`));
    for (const s of result.secrets) {
      const where = s.layer === 'config' ? 'image config' : `layer ${s.layer.slice(7, 19)}`;
      lines.push(
        `  ${t(s.type)}  ${t(s.path)}${s.line === undefined ? '' : `:${s.line}`}  ${where}  #${s.hash}`,
      );
    }
  }
  const policy = result.policy ?? [];
  if (policy.length > 0) {
    const failed = policy.filter((r) => r.status === 'fail').length;
    lines.push('', c.bold(`Policy: ${failed === 0 ? 'met' : `${failed} of ${policy.length} rules failed`}`));
    for (const r of policy) {
      const status = r.status === 'fail' ? c.red('FAIL') : r.status === 'pass' ? c.green('pass') : r.status;
      lines.push(`  ${status}  ${t(r.title)}: ${t(r.evidence)}`);
    }
  }
  await writeText(out, `${lines.join('\n')}\n`);
}
