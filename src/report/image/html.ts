// `image scan --format html`: one self-contained, printable page (no script, no external resource) for the people
// who decide whether an image ships: what it is and what it is built on, its vulnerabilities worst first with where
// each fix comes from, secrets (never their values), the policy verdicts, and every package in a drill-down.
import type { Writable } from 'node:stream';
import type { ImageScanResult, ScannedVulnerability } from '../../core/image/image-scan.js';
import { SEVERITIES } from '../../core/result/severity.js';
import { severityBadge, statusBadge } from '../html/findings.js';
import { html, type Markup } from '../html/markup.js';
import { STYLESHEET } from '../html/style.js';
import { countOf, formatTime } from '../wording.js';
import { writeText } from '../write-text.js';
import type { SbomTool } from './cyclonedx.js';

const ORDER: readonly string[] = [...[...SEVERITIES].reverse(), 'unknown'];

function rank(v: ScannedVulnerability): number {
  const at = ORDER.indexOf(v.severity);
  return at < 0 ? ORDER.length : at;
}

function severityCell(v: ScannedVulnerability): Markup {
  return v.severity === 'unknown' ? html`<span class="muted">unknown</span>` : severityBadge(v.severity);
}

const FIX_FROM = {
  base: 'rebuild on an updated base image',
  application: 'the application layers',
  none: 'no fix yet',
};

function renderSummary(result: ImageScanResult): Markup {
  const fixable = result.vulnerabilities.filter((v) => v.fixedVersion !== undefined);
  const fromBase = fixable.filter((v) => v.fixedBy === 'base').length;
  const counts = ORDER.map(
    (s) => [s, result.vulnerabilities.filter((v) => v.severity === s).length] as const,
  ).filter(([, n]) => n > 0);
  const failedRules = (result.policy ?? []).filter((r) => r.status === 'fail').length;
  return html`<section id="summary">
<h2>Summary</h2>
<p class="lead">${countOf(result.vulnerabilities.length, 'vulnerability', 'vulnerabilities')}${counts.length === 0 ? '' : ` (${counts.map(([s, n]) => `${n} ${s}`).join(', ')})`}; ${fixable.length} can be fixed, ${fromBase} of them by rebuilding on an updated base image. ${countOf(result.secrets.length, 'secret')} found.${result.policy === undefined ? '' : failedRules === 0 ? ' The image policy is met.' : ` ${countOf(failedRules, 'policy rule')} failed.`}</p>
${result.warnings.map((w) => html`<p><strong>Warning:</strong> ${w}</p>`)}
</section>`;
}

function renderImage(result: ImageScanResult): Markup {
  const rows = result.layers.map(
    (l, i) =>
      html`<tr><td>${i + 1}</td><td><code>${l.diffId.slice(0, 19)}</code></td><td>${l.base ? 'base image' : 'this image'}</td><td class="evidence">${l.createdBy ?? ''}</td></tr>`,
  );
  return html`<section id="image">
<h2>Image</h2>
<p>Digest <code>${result.image.digest}</code>${result.image.os ? html` · ${result.image.os.prettyName ?? result.image.os.id}` : ''}${result.baseImage ? html` · built on <code>${result.baseImage.ref}</code> (${countOf(result.baseImage.layers, 'layer')})` : ' · no base image identified'}</p>
<table><thead><tr><th scope="col" class="col-short">Layer</th><th scope="col" class="col-time">Digest</th><th scope="col" class="col-where">From</th><th scope="col">Created by</th></tr></thead><tbody>${rows}</tbody></table>
</section>`;
}

function renderVulnerabilities(result: ImageScanResult): Markup {
  const sorted = [...result.vulnerabilities].sort(
    (a, b) => rank(a) - rank(b) || a.package.localeCompare(b.package) || a.id.localeCompare(b.id),
  );
  const rows = sorted.map(
    (v) =>
      html`<tr><td>${severityCell(v)}</td><td><code>${v.id}</code>${v.aliases.length === 0 ? '' : html`<br><span class="muted">${v.aliases.join(', ')}</span>`}</td><td>${v.package}</td><td><code>${v.installedVersion}</code></td><td><code>${v.fixedVersion ?? '-'}</code></td><td>${FIX_FROM[v.fixedBy]}</td></tr>`,
  );
  return html`<section id="vulnerabilities">
<h2>Vulnerabilities <span class="muted">· ${result.vulnerabilities.length}</span></h2>
${
  rows.length === 0
    ? html`<p class="muted">No known vulnerability in the packages found.</p>`
    : html`<table><thead><tr><th scope="col" class="col-severity">Severity</th><th scope="col">Advisory</th><th scope="col">Package</th><th scope="col">Installed</th><th scope="col">Fixed in</th><th scope="col" class="col-where">Fix from</th></tr></thead><tbody>${rows}</tbody></table>`
}
</section>`;
}

function renderSecrets(result: ImageScanResult): Markup {
  const rows = result.secrets.map(
    (s) =>
      html`<tr><td>${s.type}</td><td><code>${s.path}</code>${s.line === undefined ? '' : `:${s.line}`}</td><td>${s.layer === 'config' ? 'image config' : html`<code>${s.layer.slice(0, 19)}</code>`}</td><td><code>${s.hash}</code></td></tr>`,
  );
  return html`<section id="secrets">
<h2>Secrets <span class="muted">· ${result.secrets.length}</span></h2>
${
  rows.length === 0
    ? html`<p class="muted">No secret found in any layer or in the image configuration.</p>`
    : html`<p>Values are never shown; the hash identifies a secret across images without revealing it.</p><table><thead><tr><th scope="col">Type</th><th scope="col">Where</th><th scope="col" class="col-where">Layer</th><th scope="col" class="col-time">Hash</th></tr></thead><tbody>${rows}</tbody></table>`
}
</section>`;
}

function renderPolicy(result: ImageScanResult): Markup {
  if (result.policy === undefined) return html``;
  const rows = result.policy.map(
    (r) =>
      html`<tr><td>${statusBadge(r.status)}</td><td>${r.title}<br><span class="muted">${r.checkId}</span></td><td class="evidence">${r.evidence}</td></tr>`,
  );
  return html`<section id="policy">
<h2>Image policy</h2>
<table><thead><tr><th scope="col" class="col-severity">Verdict</th><th scope="col">Rule</th><th scope="col" class="col-evidence">Evidence</th></tr></thead><tbody>${rows}</tbody></table>
</section>`;
}

function renderPackages(result: ImageScanResult, isExpanded: boolean): Markup {
  const rows = result.packages.map(
    (p) =>
      html`<tr><td>${p.name}</td><td><code>${p.version}</code></td><td>${p.ecosystem}</td><td class="evidence">${p.purl}</td></tr>`,
  );
  return html`<section id="packages">
<h2>Packages <span class="muted">· ${result.packages.length}</span></h2>
<details class="all"${isExpanded ? html` open` : ''}><summary>Show all ${countOf(result.packages.length, 'package')}</summary>
<table><thead><tr><th scope="col">Name</th><th scope="col">Version</th><th scope="col" class="col-short">Type</th><th scope="col">purl</th></tr></thead><tbody>${rows}</tbody></table>
</details>
</section>`;
}

export function renderImageScanHtml(
  result: ImageScanResult,
  tool: SbomTool,
  options: { isExpanded?: boolean } = {},
): string {
  const title = `Image scan: ${result.image.ref}`;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${tool.name} ${tool.version}">
<title>${title}</title>
<style>${STYLESHEET}</style>
</head>
<body>
<header>
<h1>${title}</h1>
<p class="meta">Scanned ${formatTime(result.scannedAt)}</p>
</header>
<main>
${renderSummary(result)}
${renderPolicy(result)}
${renderVulnerabilities(result)}
${renderSecrets(result)}
${renderImage(result)}
${renderPackages(result, options.isExpanded === true)}
</main>
<footer>Generated by ${tool.name} ${tool.version}</footer>
</body>
</html>
`.value;
}

export async function writeImageScanHtml(
  result: ImageScanResult,
  out: Writable,
  tool: SbomTool,
): Promise<void> {
  await writeText(out, renderImageScanHtml(result, tool));
}
