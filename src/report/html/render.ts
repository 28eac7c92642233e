// The HTML report: one self-contained page (inline CSS and SVG, no script, no external file) that a non-engineer
// can read and print: summary and chart first, then changes, problems by severity and by place, items to review,
// collection notes, and every result in a collapsible table.
import type { Assessment } from '../../core/assessment.js';
import type { CheckResult } from '../../core/result/check-result.js';
import type { Finding } from '../../core/result/finding.js';
import { sortResults } from '../order.js';
import { countOf, describeSubject, formatTime } from '../wording.js';
import { describeReference, renderBySeverity, severityBadge, statusBadge } from './findings.js';
import { html, type Markup } from './markup.js';
import { STYLESHEET } from './style.js';
import { renderContainers, renderOtherSubjects } from './subjects.js';
import { describeChanges, renderExecutiveSummary } from './summary.js';

export interface HtmlRenderOptions {
  /** Open every drill-down, for printing or PDF (browsers print closed `<details>` closed). */
  isExpanded?: boolean;
}

function renderChangeRows(label: string, findings: readonly Finding[]): Markup[] {
  return sortResults(findings).map(
    (f) =>
      html`<tr><td><strong>${label}</strong></td><td>${severityBadge(f.severity)}</td><td>${f.title}<br><span class="muted">${describeReference(f)}</span></td><td>${describeSubject(f.subject)}</td><td>${formatTime(f.firstSeen)}</td></tr>`,
  );
}

function renderChanges(assessment: Assessment): Markup {
  const { changes } = assessment;
  const rows =
    changes?.previousAssessmentId === undefined
      ? []
      : [...renderChangeRows('New', changes.opened), ...renderChangeRows('Fixed', changes.fixed)];
  return html`<section id="changes">
<h2>Changes since the last scan</h2>
<p>${describeChanges(assessment)}</p>
${
  rows.length === 0
    ? ''
    : html`<table>
<thead><tr><th scope="col" class="col-short">Change</th><th scope="col" class="col-severity">Severity</th><th scope="col">Problem</th><th scope="col" class="col-where">Where</th><th scope="col" class="col-time">First seen</th></tr></thead>
<tbody>${rows}</tbody>
</table>`
}
</section>`;
}

/** Results a person must act on that are not failures: what, where, and the evidence under its own heading. */
function renderResultTable(results: readonly CheckResult[], evidenceHeading: string): Markup {
  const rows = results.map(
    (r) =>
      html`<tr><td>${r.title}<br><span class="muted">${describeReference(r)}</span></td><td>${describeSubject(r.subject)}</td><td class="evidence">${r.evidence}</td></tr>`,
  );
  return html`<table>
<thead><tr><th scope="col">Recommendation</th><th scope="col" class="col-where">Where</th><th scope="col" class="col-evidence">${evidenceHeading}</th></tr></thead>
<tbody>${rows}</tbody>
</table>`;
}

function renderManual(manual: readonly CheckResult[]): Markup {
  return html`<section id="manual">
<h2>Items to review by hand <span class="muted">· ${manual.length}</span></h2>
${
  manual.length === 0
    ? html`<p class="muted">Nothing needs a manual review.</p>`
    : html`<p>These recommendations cannot be decided from the machine alone. Someone who knows the system should look at each one.</p>
${renderResultTable(manual, 'What to look at')}`
}
</section>`;
}

function renderErrors(errors: readonly CheckResult[]): Markup {
  if (errors.length === 0) return html``;
  return html`<section id="errors">
<h2>Checks that could not be completed <span class="muted">· ${errors.length}</span></h2>
<p>Their results are unknown, not passed. Fix what stopped them and scan again.</p>
${renderResultTable(errors, 'Why it could not be checked')}
</section>`;
}

function renderNotes(assessment: Assessment): Markup {
  const { notes } = assessment.snapshot;
  return html`<section id="notes">
<h2>Collection notes <span class="muted">· ${notes.length}</span></h2>
${
  notes.length === 0
    ? html`<p class="muted">Everything on the host could be read.</p>`
    : html`<p>What the scan could not see or skipped:</p><ul>${notes.map((n) => html`<li><strong>${n.subject}</strong>: ${n.message}</li>`)}</ul>`
}
</section>`;
}

function renderAllResults(sorted: readonly CheckResult[], isExpanded: boolean): Markup {
  const rows = sorted.map(
    (r) =>
      html`<tr><td>${statusBadge(r.status)}</td><td>${severityBadge(r.severity)}</td><td>${r.cisId ?? ''}</td><td><code>${r.checkId}</code></td><td>${r.title}</td><td>${describeSubject(r.subject)}</td><td class="evidence">${r.evidence}</td></tr>`,
  );
  return html`<section id="all-results">
<h2>All results</h2>
<details class="all"${isExpanded ? html` open` : ''}>
<summary>Show all ${countOf(sorted.length, 'result')}</summary>
<table>
<thead><tr><th scope="col" class="col-severity">Status</th><th scope="col" class="col-severity">Severity</th><th scope="col" class="col-short">CIS</th><th scope="col">Check</th><th scope="col">Recommendation</th><th scope="col" class="col-where">Where</th><th scope="col" class="col-evidence">Evidence</th></tr></thead>
<tbody>${rows}</tbody>
</table>
</details>
</section>`;
}

export function renderHtmlReport(assessment: Assessment, options: HtmlRenderOptions = {}): string {
  const isExpanded = options.isExpanded === true;
  const { snapshot } = assessment;
  const sorted = sortResults(assessment.results);
  const failures = sorted.filter((r) => r.status === 'fail');
  const when = formatTime(assessment.startedAt);
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Coastguard ${assessment.tool.version}">
<title>Docker security report: ${snapshot.host.hostname}, ${when}</title>
<style>${STYLESHEET}</style>
</head>
<body>
<header>
<h1>Docker security report: ${snapshot.host.hostname}</h1>
<p class="meta">Scanned ${when} · Docker ${snapshot.daemon.serverVersion} · ${snapshot.host.operatingSystem} · CIS Docker Benchmark v1.6.0</p>
</header>
<nav aria-label="Sections"><ul>
<li><a href="#summary">Summary</a></li>
<li><a href="#changes">Changes</a></li>
<li><a href="#by-severity">Problems by severity</a></li>
<li><a href="#containers">Containers</a></li>
<li><a href="#host">Host, daemon, images, networks</a></li>
<li><a href="#manual">To review</a></li>
<li><a href="#notes">Collection notes</a></li>
<li><a href="#all-results">All results</a></li>
</ul></nav>
<main>
${renderExecutiveSummary(assessment)}
${renderChanges(assessment)}
<section id="by-severity">
<h2>Problems by severity <span class="muted">· ${failures.length}</span></h2>
${renderBySeverity(failures, { isExpanded })}
</section>
<section id="containers">
<h2>Containers <span class="muted">· ${snapshot.containers.length}</span></h2>
${renderContainers(assessment, failures)}
</section>
<section id="host">
<h2>Host, daemon, images and networks</h2>
${renderOtherSubjects(failures)}
</section>
${renderManual(sorted.filter((r) => r.status === 'manual'))}
${renderErrors(sorted.filter((r) => r.status === 'error'))}
${renderNotes(assessment)}
${renderAllResults(sorted, isExpanded)}
</main>
<footer>Generated by Coastguard ${assessment.tool.version} · assessment ${assessment.id} · scan finished ${formatTime(assessment.finishedAt)}</footer>
</body>
</html>
`;
  return page.value;
}
