// Failures as a reader meets them: one card per problem (drill down for evidence and the fix), grouped by severity,
// and compact tables for the per-container and per-subject views.
import type { CheckResult, CheckStatus } from '../../core/result/check-result.js';
import { SEVERITIES, type Severity } from '../../core/result/severity.js';
import { countOf, describeSubject, SEVERITY_LABELS, STATUS_LABELS } from '../wording.js';
import { html, type Markup } from './markup.js';

export interface CardOptions {
  /** Render drill-downs open, for printing. */
  isExpanded: boolean;
}

export function severityBadge(severity: Severity): Markup {
  return html`<span class="badge sev-${severity}">${SEVERITY_LABELS[severity]}</span>`;
}

export function statusBadge(status: CheckStatus): Markup {
  return html`<span class="badge status-${status}">${STATUS_LABELS[status]}</span>`;
}

/** "CIS 5.5 · container-privileged": where the recommendation comes from, for the engineer who fixes it. */
export function describeReference(result: Pick<CheckResult, 'cisId' | 'checkId'>): string {
  return result.cisId === undefined ? result.checkId : `CIS ${result.cisId} · ${result.checkId}`;
}

export function renderFindingCard(result: CheckResult, options: CardOptions): Markup {
  return html`<details class="finding edge-${result.severity}"${options.isExpanded ? html` open` : ''}>
<summary>${severityBadge(result.severity)} <strong>${result.title}</strong> <span class="muted">on ${describeSubject(result.subject)}</span></summary>
<dl>
<dt>What was found</dt><dd class="evidence">${result.evidence}</dd>
<dt>How to fix</dt><dd>${result.remediation}</dd>
<dt>Reference</dt><dd>${describeReference(result)}</dd>
</dl>
</details>`;
}

/** Every failure, most severe group first; `failures` is already in report order. */
export function renderBySeverity(failures: readonly CheckResult[], options: CardOptions): Markup {
  if (failures.length === 0) return html`<p class="ok">No problems were found.</p>`;
  const groups = [...SEVERITIES].reverse().map((severity) => {
    const group = failures.filter((r) => r.severity === severity);
    if (group.length === 0) return '';
    return html`<h3>${severityBadge(severity)} ${countOf(group.length, `${SEVERITY_LABELS[severity].toLowerCase()} problem`)}</h3>
${group.map((r) => renderFindingCard(r, options))}`;
  });
  return html`${groups}`;
}

/** Severity, problem, subject (optional) and evidence: the compact form for the per-subject sections. */
export function renderFailureTable(
  failures: readonly CheckResult[],
  options: { hasSubject: boolean },
): Markup {
  if (failures.length === 0) return html`<p class="ok">No problems found.</p>`;
  const rows = failures.map(
    (r) =>
      html`<tr><td>${severityBadge(r.severity)}</td><td>${r.title}<br><span class="muted">${describeReference(r)}</span></td>${options.hasSubject ? html`<td>${describeSubject(r.subject)}</td>` : ''}<td class="evidence">${r.evidence}</td></tr>`,
  );
  return html`<table>
<thead><tr><th scope="col" class="col-severity">Severity</th><th scope="col">Problem</th>${options.hasSubject ? html`<th scope="col" class="col-where">Where</th>` : ''}<th scope="col" class="col-evidence">What was found</th></tr></thead>
<tbody>${rows}</tbody>
</table>`;
}
