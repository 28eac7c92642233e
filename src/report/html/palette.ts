// Colours for statuses and severities. Each also has a text label wherever it is shown (WCAG 1.4.1: colour is never
// the only signal), and each passes 4.5:1 contrast against white, and white text against it (WCAG 1.4.3).
import type { CheckStatus } from '../../core/result/check-result.js';
import type { Severity } from '../../core/result/severity.js';

export const STATUS_COLORS: Readonly<Record<CheckStatus, string>> = {
  pass: '#2e7d32',
  fail: '#c62828',
  manual: '#8a5a00',
  'not-applicable': '#616161',
  error: '#6a1b9a',
};

export const SEVERITY_COLORS: Readonly<Record<Severity, string>> = {
  critical: '#7f0000',
  high: '#c62828',
  medium: '#8a5a00',
  low: '#1565c0',
  info: '#546e7a',
};
