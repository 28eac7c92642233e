// CSV for spreadsheets: RFC 4180 (CRLF records, quoted fields), with formula injection neutralised, because
// titles, subjects and justifications come from images, containers and configuration we do not control.
import type { ComplianceReport } from '../../core/compliance/control-status.js';
import { describeChecks, describeSubjects, describeWaivers } from './describe-control.js';

const HEADERS = [
  'framework',
  'control',
  'title',
  'status',
  'pass',
  'fail',
  'waived',
  'checks',
  'subjects',
  'waivers',
];

/** OWASP CSV injection: a cell a spreadsheet would read as a formula starts with = + - @ (or tab / CR). */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function renderCsv(report: ComplianceReport): string {
  const rows = report.controls.map((c) => [
    report.framework.id,
    c.id,
    c.title,
    c.status,
    c.checks.reduce((n, k) => n + k.pass, 0),
    c.checks.reduce((n, k) => n + k.fail, 0),
    c.checks.reduce((n, k) => n + k.waived, 0),
    describeChecks(c),
    describeSubjects(c),
    describeWaivers(c),
  ]);
  return [HEADERS, ...rows].map((row) => `${row.map(csvCell).join(',')}\r\n`).join('');
}
