// The report's only stylesheet, inlined: system fonts, no external resources, readable on screen and on paper.

import { CHECK_STATUSES } from '../../core/result/check-result.js';
import { SEVERITIES } from '../../core/result/severity.js';
import { Markup } from './markup.js';
import { SEVERITY_COLORS, STATUS_COLORS } from './palette.js';

const badgeRules = [
  ...SEVERITIES.map((s) => `.sev-${s}{background:${SEVERITY_COLORS[s]}}`),
  ...SEVERITIES.map((s) => `.edge-${s}{border-left-color:${SEVERITY_COLORS[s]}}`),
  ...CHECK_STATUSES.map((s) => `.status-${s}{background:${STATUS_COLORS[s]}}`),
].join('\n');

/** Markup, not text: CSS is raw text inside <style>, where entities are not decoded. It holds no outside values. */
export const STYLESHEET = new Markup(`
:root{color-scheme:light;--ink:#1a1a1a;--muted:#555;--line:#d0d0d0;--panel:#f6f7f9}
*{box-sizing:border-box}
body{margin:0 auto;max-width:1100px;padding:24px;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Liberation Sans","DejaVu Sans",sans-serif;color:var(--ink);background:#fff}
h1{font-size:1.7em;margin:0 0 4px}
h2{font-size:1.3em;margin:32px 0 12px;padding-bottom:4px;border-bottom:2px solid var(--line)}
h3{font-size:1.08em;margin:20px 0 8px}
p{margin:6px 0}
code,.evidence{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em;overflow-wrap:anywhere;white-space:pre-wrap}
.muted{color:var(--muted)}
.meta{color:var(--muted);margin:0}
.lead{font-size:1.25em;font-weight:600;margin:12px 0}
nav ul{list-style:none;padding:0;margin:16px 0;display:flex;flex-wrap:wrap;gap:6px 16px}
nav a{color:#0b57d0}
.charts{display:flex;flex-wrap:wrap;gap:24px;align-items:center;margin:16px 0}
.chart{display:flex;align-items:center;gap:16px;margin:0;padding:12px;background:var(--panel);border-radius:8px}
.chart figcaption{font-weight:600}
.chart.stacked{flex-direction:column;align-items:flex-start;gap:8px}
.legend{list-style:none;margin:0;padding:0;font-weight:400}
.legend li{margin:2px 0}
.swatch{display:inline-block;width:12px;height:12px;margin-right:6px;border-radius:2px;vertical-align:-1px}
.donut-number{font-size:8px;font-weight:700;fill:var(--ink)}
.donut-label{font-size:3.5px;fill:var(--muted)}
.bar-label,.bar-value{font-size:13px;fill:var(--ink)}
.badge{display:inline-block;min-width:5.5em;padding:1px 8px;border-radius:10px;color:#fff;font-size:.8em;font-weight:700;text-align:center;white-space:nowrap}
${badgeRules}
.finding{border:1px solid var(--line);border-left-width:6px;border-radius:6px;margin:8px 0;padding:6px 12px;break-inside:avoid}
.finding summary{cursor:pointer}
.finding dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;margin:10px 0 4px}
.finding dt{font-weight:600;color:var(--muted)}
.finding dd{margin:0}
.card{border:1px solid var(--line);border-radius:8px;padding:8px 16px 12px;margin:12px 0;break-inside:avoid}
.card h3{margin-top:8px}
table{border-collapse:collapse;width:100%;margin:8px 0}
th,td{text-align:left;vertical-align:top;padding:5px 8px;border-bottom:1px solid var(--line)}
th{background:var(--panel);font-weight:600}
.col-severity{width:8.5em}.col-short{width:5.5em}.col-where{width:17%}.col-evidence{width:36%}.col-time{width:11em}
.ok{color:${STATUS_COLORS.pass};font-weight:600}
details.all summary{cursor:pointer;font-weight:600}
footer{margin-top:40px;padding-top:8px;border-top:1px solid var(--line);color:var(--muted);font-size:.85em}
@page{margin:14mm}
@media print{
body{max-width:none;padding:0;font-size:10.5pt}
nav{display:none}
h2{break-after:avoid}
tr,.finding,.card{break-inside:avoid}
details::details-content{content-visibility:visible;display:block}
details>summary{list-style:none}
details>summary::-webkit-details-marker{display:none}
.badge,.swatch,rect,circle{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
`);
