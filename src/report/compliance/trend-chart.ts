// The trend: one stacked bar per assessment (statuses as shares of the framework's controls), inline SVG with a
// text alternative and a table that states every number.
import type { TrendPoint } from '../../core/compliance/control-status.js';
import { html, type Markup } from '../html/markup.js';
import { formatTime } from '../wording.js';
import { CONTROL_STATUS_COLORS, CONTROL_STATUS_LABELS, STATUS_ORDER } from './palette.js';

const BAR_WIDTH = 36;
const GAP = 18;
const HEIGHT = 160;
const LABEL_ROOM = 34;
/** Room left of the first bar for its centred date label. */
const LEFT = 16;

function shortDate(iso: string): string {
  return formatTime(iso).split(' ').slice(0, 2).join(' ');
}

export function renderTrendChart(points: readonly TrendPoint[]): Markup {
  const bars = points.map((point, i) => {
    const total = STATUS_ORDER.reduce((sum, s) => sum + point.summary[s], 0);
    const x = LEFT + i * (BAR_WIDTH + GAP);
    let y = HEIGHT;
    const segments = [...STATUS_ORDER].reverse().map((s) => {
      const height = total === 0 ? 0 : (point.summary[s] / total) * HEIGHT;
      y -= height;
      return html`<rect x="${x}" y="${y}" width="${BAR_WIDTH}" height="${height}" fill="${CONTROL_STATUS_COLORS[s]}"></rect>`;
    });
    return html`${segments}<text x="${x + BAR_WIDTH / 2}" y="${HEIGHT + 16}" text-anchor="middle" class="bar-label">${shortDate(point.startedAt)}</text>`;
  });
  const width = LEFT * 2 + Math.max(1, points.length) * (BAR_WIDTH + GAP);
  const description = points
    .map(
      (p) =>
        `${formatTime(p.startedAt)}: ${p.summary.satisfied} satisfied, ${p.summary['not-satisfied']} not satisfied`,
    )
    .join('; ');
  const rows = points.map(
    (p) =>
      html`<tr><td>${formatTime(p.startedAt)}</td>${STATUS_ORDER.map((s) => html`<td>${p.summary[s]}</td>`)}</tr>`,
  );
  return html`<figure class="chart stacked">
<figcaption>Requirements by status, per assessment</figcaption>
<svg viewBox="0 0 ${width} ${HEIGHT + LABEL_ROOM}" width="${width}" height="${HEIGHT + LABEL_ROOM}" role="img" aria-labelledby="trend-chart-title">
<title id="trend-chart-title">Trend: ${description}</title>
${bars}
</svg>
</figure>
<table class="trend">
<thead><tr><th scope="col">Assessment</th>${STATUS_ORDER.map((s) => html`<th scope="col">${CONTROL_STATUS_LABELS[s]}</th>`)}</tr></thead>
<tbody>${rows}</tbody>
</table>`;
}
