// Inline SVG charts (no script, no external file): a donut of result statuses and bars of failures by severity.
// Each chart has a text alternative and sits beside a legend that states every number in words.
import type { CheckStatus, StatusCounts } from '../../core/result/check-result.js';
import { SEVERITIES, type Severity } from '../../core/result/severity.js';
import { SEVERITY_LABELS, STATUS_LABELS } from '../wording.js';
import { html, type Markup } from './markup.js';
import { SEVERITY_COLORS, STATUS_COLORS } from './palette.js';

const STATUS_ORDER: readonly CheckStatus[] = ['fail', 'error', 'manual', 'pass', 'not-applicable'];
/** A circle of this radius has a circumference of 100, so dash lengths are percentages. */
const RADIUS = 15.915494309189533;

function percent(part: number, total: number): string {
  return total === 0 ? '0' : (Math.round((part / total) * 1000) / 10).toString();
}

export function renderStatusDonut(summary: StatusCounts): Markup {
  const total = STATUS_ORDER.reduce((sum, s) => sum + summary[s], 0);
  const description = STATUS_ORDER.map((s) => `${summary[s]} ${STATUS_LABELS[s].toLowerCase()}`).join(', ');
  let start = 0;
  const segments = STATUS_ORDER.filter((s) => summary[s] > 0).map((s) => {
    const length = (summary[s] / total) * 100;
    // Dash offset 25 starts the first segment at twelve o'clock; later ones follow clockwise.
    const segment = html`<circle cx="21" cy="21" r="${RADIUS}" fill="none" stroke="${STATUS_COLORS[s]}" stroke-width="6" stroke-dasharray="${length} ${100 - length}" stroke-dashoffset="${25 - start}"></circle>`;
    start += length;
    return segment;
  });
  const legend = STATUS_ORDER.map(
    (s) =>
      html`<li><span class="swatch" style="background:${STATUS_COLORS[s]}"></span>${STATUS_LABELS[s]}: <strong>${summary[s]}</strong> <span class="muted">(${percent(summary[s], total)}%)</span></li>`,
  );
  return html`<figure class="chart">
<svg viewBox="0 0 42 42" width="180" height="180" role="img" aria-labelledby="status-chart-title">
<title id="status-chart-title">Results by status: ${description}</title>
<circle cx="21" cy="21" r="${RADIUS}" fill="none" stroke="#e0e0e0" stroke-width="6"></circle>
${segments}
<text x="21" y="21" text-anchor="middle" class="donut-number">${total}</text>
<text x="21" y="26" text-anchor="middle" class="donut-label">results</text>
</svg>
<figcaption><ul class="legend">${legend}</ul></figcaption>
</figure>`;
}

const BAR_ROW = 26;
const BAR_LEFT = 76;
const BAR_SPAN = 200;

export function renderSeverityBars(failures: Readonly<Record<Severity, number>>): Markup {
  const order = [...SEVERITIES].reverse();
  const largest = Math.max(1, ...order.map((s) => failures[s]));
  const description = order.map((s) => `${failures[s]} ${SEVERITY_LABELS[s].toLowerCase()}`).join(', ');
  const rows = order.map((s, i) => {
    const y = i * BAR_ROW;
    const width = (failures[s] / largest) * BAR_SPAN;
    return html`<text x="0" y="${y + 17}" class="bar-label">${SEVERITY_LABELS[s]}</text>
<rect x="${BAR_LEFT}" y="${y + 4}" width="${width}" height="18" fill="${SEVERITY_COLORS[s]}"></rect>
<text x="${BAR_LEFT + width + 6}" y="${y + 17}" class="bar-value">${failures[s]}</text>`;
  });
  const height = order.length * BAR_ROW;
  return html`<figure class="chart stacked">
<figcaption>Problems by severity</figcaption>
<svg viewBox="0 0 ${BAR_LEFT + BAR_SPAN + 40} ${height}" width="${BAR_LEFT + BAR_SPAN + 40}" height="${height}" role="img" aria-labelledby="severity-chart-title">
<title id="severity-chart-title">Problems by severity: ${description}</title>
${rows}
</svg>
</figure>`;
}
