// Colours and words for control statuses. Each colour carries white text at 4.5:1 or better (WCAG 1.4.3) and is
// always shown with its label (WCAG 1.4.1).
import { CONTROL_STATUSES, type ControlStatus } from '../../core/compliance/control-status.js';

export const CONTROL_STATUS_COLORS: Readonly<Record<ControlStatus, string>> = {
  satisfied: '#2e7d32',
  'not-satisfied': '#c62828',
  partially: '#a84300',
  manual: '#5e35b1',
  inherited: '#1565c0',
  'not-applicable': '#616161',
};

export const CONTROL_STATUS_LABELS: Readonly<Record<ControlStatus, string>> = {
  satisfied: 'Satisfied',
  'not-satisfied': 'Not satisfied',
  partially: 'Partially satisfied',
  manual: 'Manual review',
  inherited: 'Inherited',
  'not-applicable': 'Not applicable',
};

/** Worst first: the order of legends, charts and the requirement list's filter of attention. */
export const STATUS_ORDER: readonly ControlStatus[] = [
  'not-satisfied',
  'partially',
  'manual',
  'satisfied',
  'inherited',
  'not-applicable',
];

export const CONTROL_STATUS_RULES = CONTROL_STATUSES.map(
  (s) => `.cstatus-${s}{background:${CONTROL_STATUS_COLORS[s]}}`,
).join('\n');
