// The terminal summary of one assessment: what was scanned, the counts, every failure grouped by severity, what
// changed since the last scan, what could not be checked and what needs a person. Passing results are only counted.
import pc from 'picocolors';
import type { Assessment } from '../../core/assessment.js';
import type { CheckResult, Subject } from '../../core/result/check-result.js';
import type { Finding, FindingChanges } from '../../core/result/finding.js';
import { SEVERITIES, type Severity } from '../../core/result/severity.js';
import { sortResults } from '../order.js';
import { countOf, describeSubject, formatTime, SEVERITY_LABELS } from '../wording.js';
import { type ColumnWant, fitColumns } from './fit-columns.js';
import { padTo, textWidth, toTerminalText, truncate } from './terminal-text.js';

type Colors = ReturnType<typeof pc.createColors>;

export interface TableRenderOptions {
  isColor: boolean;
  /** Terminal columns; every line fits in them. */
  width: number;
}

/** Below this the table cannot show anything useful; narrower terminals wrap rather than lose columns. */
export const MIN_WIDTH = 60;
const INDENT = '  ';
const GAP = '  ';
/** New and fixed findings listed before "and N more": the JSON and HTML reports have them all. */
const CHANGE_LIST_LIMIT = 25;

/** One grid row: CIS id, check id, subject, evidence, already made terminal-safe. */
type Row = [string, string, string, string];
const ROW_HEADERS: Row = ['CIS', 'Check', 'Subject', 'Evidence'];
/** Evidence gives way first, down to room enough to say something; then the identifiers share the cut. */
const ROW_COLUMNS = [{ min: 6 }, { min: 12 }, { min: 10 }, { min: 20, isFirstToGiveWay: true }] as const;
const CHANGE_COLUMNS = [{ min: 6 }, { min: 8 }, { min: 6 }, { min: 12 }, { min: 10 }] as const;

function paintSeverity(c: Colors, severity: Severity, text: string): string {
  switch (severity) {
    case 'critical':
      return c.bold(c.red(text));
    case 'high':
      return c.red(text);
    case 'medium':
      return c.yellow(text);
    case 'low':
      return c.cyan(text);
    case 'info':
      return c.dim(text);
  }
}

function subjectText(subject: Subject): string {
  return toTerminalText(describeSubject(subject));
}

function toRow(item: Pick<CheckResult, 'cisId' | 'checkId' | 'subject'> & { evidence?: string }): Row {
  return [
    toTerminalText(item.cisId ?? '-'),
    toTerminalText(item.checkId),
    subjectText(item.subject),
    toTerminalText(item.evidence ?? ''),
  ];
}

/** Widths for a grid whose rows all share them, so columns line up from one group to the next. */
function gridWidths(
  headers: readonly string[],
  rows: readonly string[][],
  wants: readonly Omit<ColumnWant, 'natural'>[],
  width: number,
): number[] {
  const budget = width - INDENT.length - GAP.length * (headers.length - 1);
  const columns = headers.map((header, i) => ({
    min: 1,
    ...wants[i],
    natural: Math.max(textWidth(header), ...rows.map((r) => textWidth(r[i] ?? ''))),
  }));
  return fitColumns(columns, budget);
}

function formatRow(cells: readonly string[], widths: readonly number[]): string {
  const fitted = cells.map((cell, i) => {
    const text = truncate(cell, widths[i] ?? 0);
    return i === cells.length - 1 ? text : padTo(text, widths[i] ?? 0);
  });
  return (INDENT + fitted.join(GAP)).trimEnd();
}

function renderRows(c: Colors, rows: readonly Row[], widths: readonly number[]): string[] {
  return [c.dim(formatRow(ROW_HEADERS, widths)), ...rows.map((r) => formatRow(r, widths))];
}

function renderHeader(c: Colors, a: Assessment, width: number): string[] {
  const { snapshot } = a;
  const inventory = [
    countOf(snapshot.containers.length, 'container'),
    countOf(snapshot.images.length, 'image'),
    countOf(snapshot.networks.length, 'network'),
  ].join(', ');
  const title = truncate(toTerminalText(`Coastguard scan of ${snapshot.host.hostname}`), width);
  const rest = truncate(` · ${formatTime(a.startedAt)} · ${inventory}`, width - textWidth(title));
  const engine = `Docker ${snapshot.daemon.serverVersion} at ${snapshot.engineEndpoint} · ${snapshot.host.operatingSystem}`;
  return [c.bold(title) + c.dim(rest), c.dim(truncate(toTerminalText(engine), width))];
}

function renderSummary(c: Colors, a: Assessment, width: number): string {
  const { summary } = a;
  const parts: [number, string, (s: string) => string][] = [
    [summary.fail, 'failed', (s) => c.bold(c.red(s))],
    [summary.pass, 'passed', c.green],
    [summary.manual, 'to review', c.yellow],
    [summary['not-applicable'], 'not applicable', c.dim],
    [summary.error, 'could not be checked', (s) => c.bold(c.magenta(s))],
  ];
  const plain = parts.map(([n, label]) => `${n} ${label}`);
  if (textWidth(plain.join(' · ')) > width) return truncate(plain.join(' · '), width);
  // Colour only counts that are not zero, so the eye lands on what matters.
  return parts
    .map(([n, label, paint], i) => (n > 0 ? paint(plain[i] ?? '') : `${n} ${label}`))
    .join(c.dim(' · '));
}

function renderFailures(
  c: Colors,
  failures: readonly CheckResult[],
  widths: readonly number[],
  width: number,
): string[] {
  if (failures.length === 0) return [c.green('No failed checks.')];
  const lines = [c.bold(`Failed checks (${failures.length})`)];
  for (const severity of [...SEVERITIES].reverse()) {
    const group = failures.filter((r) => r.severity === severity);
    if (group.length === 0) continue;
    lines.push(
      '',
      paintSeverity(
        c,
        severity,
        truncate(`${SEVERITY_LABELS[severity].toUpperCase()} (${group.length})`, width),
      ),
    );
    lines.push(...renderRows(c, group.map(toRow), widths));
  }
  return lines;
}

function renderChangeList(c: Colors, changes: FindingChanges, width: number): string[] {
  const listed = (label: string, findings: readonly Finding[]) =>
    sortResults(findings)
      .slice(0, CHANGE_LIST_LIMIT)
      .map((f) => ({
        label,
        severity: f.severity,
        cells: [label, SEVERITY_LABELS[f.severity], ...toRow(f).slice(0, 3)],
      }));
  const rows = [...listed('new', changes.opened), ...listed('fixed', changes.fixed)];
  if (rows.length === 0) return [];
  const headers = ['Change', 'Severity', ...ROW_HEADERS.slice(0, 3)];
  const widths = gridWidths(
    headers,
    rows.map((r) => r.cells),
    CHANGE_COLUMNS,
    width,
  );
  const lines = [c.dim(formatRow(headers, widths))];
  for (const row of rows) {
    const text = formatRow(row.cells, widths);
    lines.push(row.label === 'fixed' ? c.green(text) : paintSeverity(c, row.severity, text));
  }
  const unlisted = [
    [changes.opened.length - CHANGE_LIST_LIMIT, 'new'],
    [changes.fixed.length - CHANGE_LIST_LIMIT, 'fixed'],
  ] as const;
  for (const [count, label] of unlisted)
    if (count > 0) lines.push(c.dim(`${INDENT}and ${count} more ${label}`));
  return lines;
}

function renderChanges(c: Colors, a: Assessment, width: number): string[] {
  const { changes } = a;
  const heading = c.bold('Changes since last scan');
  if (changes === undefined) return [heading, c.dim('Not compared: this scan was not recorded.')];
  if (changes.previousAssessmentId === undefined) {
    return [heading, c.dim('First recorded scan of this host; the next scan will show what changed.')];
  }
  const counts = `${changes.opened.length} new, ${changes.fixed.length} fixed, ${changes.stillOpen} still open`;
  return [`${heading}: ${counts}`, ...renderChangeList(c, changes, width)];
}

function renderErrors(c: Colors, errors: readonly CheckResult[], widths: readonly number[]): string[] {
  if (errors.length === 0) return [];
  return [
    '',
    c.bold(c.magenta(`Could not be checked (${errors.length})`)),
    ...renderRows(c, errors.map(toRow), widths),
  ];
}

function renderNotes(c: Colors, a: Assessment, width: number): string[] {
  const { notes } = a.snapshot;
  if (notes.length === 0) return [];
  return [
    '',
    c.bold(`Collection notes (${notes.length})`),
    ...notes.map(
      (n) => INDENT + truncate(toTerminalText(`${n.subject}: ${n.message}`), width - INDENT.length),
    ),
  ];
}

function renderManualHint(c: Colors, a: Assessment, width: number): string[] {
  const count = a.summary.manual;
  if (count === 0) return [];
  const text = `${countOf(count, 'item')} to review by hand: the HTML report (--html) says what to look at.`;
  return ['', c.yellow(truncate(text, width))];
}

export function renderTable(assessment: Assessment, options: TableRenderOptions): string {
  const c = pc.createColors(options.isColor);
  const width = Math.max(options.width, MIN_WIDTH);
  const sorted = sortResults(assessment.results);
  const failures = sorted.filter((r) => r.status === 'fail');
  const errors = sorted.filter((r) => r.status === 'error');
  const widths = gridWidths(ROW_HEADERS, [...failures, ...errors].map(toRow), ROW_COLUMNS, width);
  const lines = [
    ...renderHeader(c, assessment, width),
    renderSummary(c, assessment, width),
    '',
    ...renderFailures(c, failures, widths, width),
    ...renderErrors(c, errors, widths),
    '',
    ...renderChanges(c, assessment, width),
    ...renderNotes(c, assessment, width),
    ...renderManualHint(c, assessment, width),
  ];
  return `${lines.join('\n')}\n`;
}
