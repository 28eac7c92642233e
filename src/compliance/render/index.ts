// The compliance report formats, keyed by their --format value.
import type { ComplianceReport } from '../../core/compliance/control-status.js';
import { renderCsv } from './csv.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';
import { renderOscal } from './oscal.js';

export const complianceFormats = {
  json: renderJson,
  junit: renderJunit,
  csv: renderCsv,
  oscal: renderOscal,
} as const satisfies Record<string, (report: ComplianceReport) => string>;

export type ComplianceFormat = keyof typeof complianceFormats;

export const COMPLIANCE_FORMATS = Object.keys(complianceFormats) as ComplianceFormat[];
