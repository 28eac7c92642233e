// The report formats: the only file that knows them all. Key = folder name = `--format` value.
import { createRegistry } from '../core/registry.js';
import type { Reporter } from '../core/reporter.js';
import { html } from './html/index.js';
import { json } from './json/index.js';
import { table } from './table/index.js';

export const reporters = createRegistry('reporter', { table, json, html }, (r: Reporter) => r.format);

export type ReportFormat = keyof typeof reporters;

export { renderHtmlReport } from './html/index.js';
export type { ScanReport } from './json/schema.js';
export { SCAN_REPORT_SCHEMA_VERSION } from './json/schema-version.js';
