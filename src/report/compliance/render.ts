// The compliance report as one self-contained, printable page (inline CSS and SVG, no script): executive summary,
// scope statement, trend, changes, every requirement with its evidence, the waivers and the attestations. It is
// also the source of the PDF, rendered with every drill-down open.
import type {
  ComplianceReport,
  ControlEvaluation,
  ControlStatus,
} from '../../core/compliance/control-status.js';
import { html, type Markup } from '../html/markup.js';
import { STYLESHEET } from '../html/style.js';
import { countOf, describeSubject, formatTime } from '../wording.js';
import {
  CONTROL_STATUS_COLORS,
  CONTROL_STATUS_LABELS,
  CONTROL_STATUS_RULES,
  STATUS_ORDER,
} from './palette.js';
import { renderTrendChart } from './trend-chart.js';

export interface ComplianceHtmlOptions {
  /** Open every drill-down, for printing or PDF. */
  isExpanded?: boolean;
}

/** A control's deciding results shown at most; the rest are counted (the JSON and the bundle hold them all). */
const EVIDENCE_SHOWN = 50;

const EXTRA_STYLE = html`<style>
${CONTROL_STATUS_RULES}
.statusbar{display:flex;height:22px;border-radius:4px;overflow:hidden;margin:8px 0;max-width:640px}
.statusbar span{display:block;height:100%;-webkit-print-color-adjust:exact;print-color-adjust:exact}
.control{border:1px solid var(--line);border-left-width:6px;border-radius:6px;margin:6px 0;padding:4px 12px;break-inside:avoid}
.control summary{cursor:pointer}
.control .id{font-weight:700;margin-right:6px}
dl.scope{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px}
dl.scope dt{font-weight:600;color:var(--muted)}
dl.scope dd{margin:0}
</style>`;

function statusBadge(status: ControlStatus): Markup {
  return html`<span class="badge cstatus-${status}">${CONTROL_STATUS_LABELS[status]}</span>`;
}

function describeOutcome(report: ComplianceReport): string {
  const total = report.controls.length;
  const { summary } = report;
  const sentences = [`${summary.satisfied} of ${countOf(total, 'requirement')} satisfied.`];
  const open = summary['not-satisfied'] + summary.partially;
  if (open > 0) {
    sentences.push(
      `${countOf(open, 'requirement')} ${open === 1 ? 'needs' : 'need'} remediation (${summary['not-satisfied']} not satisfied, ${summary.partially} partially).`,
    );
  }
  if (summary.manual > 0) sentences.push(`${summary.manual} await a person's review or attestation.`);
  if (summary.inherited > 0) sentences.push(`${summary.inherited} are the cloud provider's, inherited.`);
  return sentences.join(' ');
}

function renderSummary(report: ComplianceReport): Markup {
  const total = Math.max(1, report.controls.length);
  const segments = STATUS_ORDER.filter((s) => report.summary[s] > 0).map(
    (s) =>
      html`<span style="width:${(report.summary[s] / total) * 100}%;background:${CONTROL_STATUS_COLORS[s]}" title="${CONTROL_STATUS_LABELS[s]}: ${report.summary[s]}"></span>`,
  );
  const legend = STATUS_ORDER.map(
    (s) =>
      html`<li><span class="swatch" style="background:${CONTROL_STATUS_COLORS[s]}"></span>${CONTROL_STATUS_LABELS[s]}: <strong>${report.summary[s]}</strong></li>`,
  );
  const crosswalk = report.framework.crosswalk;
  return html`<section id="summary">
<h2>Executive summary</h2>
<p class="lead">${describeOutcome(report)}</p>
<div class="statusbar" role="img" aria-label="${STATUS_ORDER.map((s) => `${report.summary[s]} ${CONTROL_STATUS_LABELS[s].toLowerCase()}`).join(', ')}">${segments}</div>
<ul class="legend">${legend}</ul>
${crosswalk ? html`<p><strong>Evaluated through ${crosswalk.framework}.</strong> ${crosswalk.note}</p>` : ''}
</section>`;
}

function renderScope(report: ComplianceReport): Markup {
  const { scope, assessment } = report;
  return html`<section id="scope">
<h2>Scope</h2>
<dl class="scope">
<dt>Hosts</dt><dd>${scope.hosts.join(', ')}</dd>
<dt>Platform</dt><dd>${report.platform} (the cloud provider's side of shared responsibility is shown as inherited, never as passed)</dd>
<dt>Containers</dt><dd>${scope.containers}</dd>
<dt>Images</dt><dd>${scope.images.length === 0 ? 'none' : html`<ul>${scope.images.map((i) => html`<li><code>${i}</code></li>`)}</ul>`}</dd>
<dt>Evidence collected</dt><dd>${formatTime(scope.window.from)} to ${formatTime(scope.window.to)}</dd>
<dt>Assessment</dt><dd><code>${assessment.id}</code></dd>
<dt>Evidence hash</dt><dd><code>sha256:${assessment.sha256}</code> (snapshot and results, canonical JSON)</dd>
</dl>
</section>`;
}

function renderTrend(report: ComplianceReport): Markup {
  const note =
    report.trend.length < 2
      ? html`<p class="muted">This is the first assessment of this host: the trend starts with the next one.</p>`
      : html`<p>The last ${report.trend.length} assessments of this host, evaluated under today's configuration.</p>`;
  return html`<section id="trend">
<h2>Trend</h2>
${note}
${renderTrendChart(report.trend)}
</section>`;
}

function renderChanges(report: ComplianceReport): Markup {
  const { changes } = report;
  if (changes === undefined) return html``;
  const rows = changes.controls.map(
    (c) =>
      html`<tr><td><a href="#control-${c.id}">${c.id}</a></td><td>${c.title}</td><td>${statusBadge(c.from)}</td><td>${statusBadge(c.to)}</td></tr>`,
  );
  return html`<section id="changes">
<h2>Changes since ${formatTime(changes.since.startedAt)}</h2>
${
  rows.length === 0
    ? html`<p>No requirement changed status since assessment <code>${changes.since.id}</code>.</p>`
    : html`<table><thead><tr><th scope="col" class="col-short">Control</th><th scope="col">Requirement</th><th scope="col" class="col-severity">Was</th><th scope="col" class="col-severity">Now</th></tr></thead><tbody>${rows}</tbody></table>`
}
</section>`;
}

function renderControlDetail(control: ControlEvaluation): Markup {
  const checks = control.checks.map(
    (k) =>
      html`<tr><td><code>${k.checkId}</code></td><td>${k.responsibility}</td><td>${k.evidence}</td><td>${k.pass}</td><td>${k.fail}</td><td>${k.waived}</td><td>${k.manual}</td></tr>`,
  );
  const shown = control.evidence.slice(0, EVIDENCE_SHOWN);
  const evidence = shown.map(
    (e) =>
      html`<tr><td><code>${e.checkId}</code></td><td>${e.status}</td><td>${describeSubject(e.subject)}</td><td class="evidence">${e.evidence}</td></tr>`,
  );
  const more = control.evidence.length - shown.length;
  return html`${
    checks.length === 0
      ? html`<p class="muted">No automated check bears on this requirement: it is answered by attestation.</p>`
      : html`<table><thead><tr><th scope="col">Check</th><th scope="col">Responsibility</th><th scope="col">Evidence</th><th scope="col">Pass</th><th scope="col">Fail</th><th scope="col">Waived</th><th scope="col">Manual</th></tr></thead><tbody>${checks}</tbody></table>`
  }${
    evidence.length === 0
      ? ''
      : html`<h3>What decided it</h3><table><thead><tr><th scope="col">Check</th><th scope="col" class="col-short">Result</th><th scope="col" class="col-where">Where</th><th scope="col">Seen</th></tr></thead><tbody>${evidence}</tbody></table>${more > 0 ? html`<p class="muted">and ${countOf(more, 'more result')} (in the JSON report and the evidence bundle).</p>` : ''}`
  }${control.waivers.map(
    (w) =>
      html`<p><strong>Waiver ${w.waiverId}</strong> (${w.state}, ${countOf(w.results, 'result')}): ${w.justification}. Approved by ${w.approver}, expires ${w.expires}.</p>`,
  )}${control.attestations.map(
    (a) =>
      html`<p><strong>Attested</strong> by ${a.by} on ${formatTime(a.at)}${a.expires ? html`, until ${a.expires}` : ''} (${a.state}): ${a.statement}${a.files.map((f) => html`<br><code>${f.path}</code> sha256:<code>${f.sha256}</code>`)}</p>`,
  )}`;
}

function renderRequirements(report: ComplianceReport, isExpanded: boolean): Markup {
  const items = report.controls.map(
    (c) =>
      html`<details class="control" id="control-${c.id}" style="border-left-color:${CONTROL_STATUS_COLORS[c.status]}"${isExpanded ? html` open` : ''}>
<summary>${statusBadge(c.status)} <span class="id">${c.id}</span>${c.title}</summary>
${renderControlDetail(c)}
</details>`,
  );
  return html`<section id="requirements">
<h2>Requirements <span class="muted">· ${report.controls.length}</span></h2>
${items}
</section>`;
}

function renderWaivers(report: ComplianceReport): Markup {
  const byId = new Map(
    report.controls.flatMap((c) => c.waivers.map((w) => [w.waiverId, { w, control: c.id }] as const)),
  );
  const rows = [...byId.values()].map(
    ({ w, control }) =>
      html`<tr><td>${w.waiverId}</td><td><a href="#control-${control}">${control}</a></td><td>${w.state}</td><td>${w.justification}</td><td>${w.approver}</td><td>${w.expires}</td></tr>`,
  );
  return html`<section id="waivers">
<h2>Waivers <span class="muted">· ${rows.length}</span></h2>
${
  rows.length === 0
    ? html`<p class="muted">No waiver applied to this assessment.</p>`
    : html`<table><thead><tr><th scope="col">Waiver</th><th scope="col" class="col-short">Control</th><th scope="col" class="col-short">State</th><th scope="col">Justification</th><th scope="col">Approver</th><th scope="col" class="col-short">Expires</th></tr></thead><tbody>${rows}</tbody></table>`
}
</section>`;
}

export function renderComplianceHtml(report: ComplianceReport, options: ComplianceHtmlOptions = {}): string {
  const { framework, assessment } = report;
  const title = `${framework.name} ${framework.version} compliance report: ${assessment.hostname}`;
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Coastguard ${report.tool.version}">
<title>${title}</title>
<style>${STYLESHEET}</style>
${EXTRA_STYLE}
</head>
<body>
<header>
<h1>${title}</h1>
<p class="meta">Assessed ${formatTime(assessment.startedAt)} · report generated ${formatTime(report.generatedAt)} · framework <code>${framework.id}</code></p>
</header>
<nav aria-label="Sections"><ul>
<li><a href="#summary">Summary</a></li>
<li><a href="#scope">Scope</a></li>
<li><a href="#trend">Trend</a></li>
${report.changes ? html`<li><a href="#changes">Changes</a></li>` : ''}
<li><a href="#requirements">Requirements</a></li>
<li><a href="#waivers">Waivers</a></li>
</ul></nav>
<main>
${renderSummary(report)}
${renderScope(report)}
${renderTrend(report)}
${renderChanges(report)}
${renderRequirements(report, options.isExpanded === true)}
${renderWaivers(report)}
</main>
<footer>Generated by Coastguard ${report.tool.version} · assessment ${assessment.id} · evidence sha256:${assessment.sha256}</footer>
</body>
</html>
`;
  return page.value;
}
