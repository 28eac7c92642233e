// A failed result tracked across assessments by its fingerprint.
import type { CheckResult } from './check-result.js';

export type FindingState = 'open' | 'fixed';

export interface Finding extends Omit<CheckResult, 'status'> {
  fingerprint: string;
  state: FindingState;
  firstSeen: string;
  lastSeen: string;
  /** When a later assessment no longer saw it failing. */
  fixedAt?: string;
  /** When it last failed again after having been fixed (a regression). */
  reopenedAt?: string;
}

/** How this assessment's findings relate to the previous assessment of the same host. */
export interface FindingChanges {
  previousAssessmentId?: string;
  opened: Finding[];
  fixed: Finding[];
  stillOpen: number;
}
