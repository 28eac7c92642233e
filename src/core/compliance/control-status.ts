// The status of one control in one assessment, with the evidence that decided it.
import type { Subject } from '../result/check-result.js';
import type { AttestationApplication } from './attestation.js';
import type { Responsibility } from './framework.js';
import type { WaiverApplication } from './waiver.js';

export const CONTROL_STATUSES = [
  'satisfied',
  'not-satisfied',
  'partially',
  'manual',
  'inherited',
  'not-applicable',
] as const;
export type ControlStatus = (typeof CONTROL_STATUSES)[number];

/** How a mapped check bore on the control. */
export type CheckEvidence =
  /** It ran and produced pass or fail results. */
  | 'automated'
  /** It ran but a person must review (manual results). */
  | 'manual'
  /** Coastguard does not run it yet: no automated evidence. */
  | 'not-implemented'
  /** The cloud provider owns it on this platform: inherited, its results never count as passes. */
  | 'inherited'
  /** It does not apply on this platform. */
  | 'not-applicable'
  /** It ran and found nothing to judge (e.g. no containers), or only not-applicable results. */
  | 'no-results';

export interface ControlCheck {
  checkId: string;
  responsibility: Responsibility;
  evidence: CheckEvidence;
  pass: number;
  /** Failures that count against the control (errors included; waived failures excluded). */
  fail: number;
  /** Failures a waiver covers: listed, not counted. */
  waived: number;
  manual: number;
  error: number;
}

export interface ControlEvaluation {
  id: string;
  title: string;
  status: ControlStatus;
  checks: ControlCheck[];
  /** The subjects whose results decided the status (failing ones when it is not satisfied). */
  subjects: Subject[];
  /** Waivers that matched a result of this control, applied or expired. */
  waivers: WaiverApplication[];
  /** Attestations recorded for this control, current or expired; a current one answers a manual control. */
  attestations: AttestationApplication[];
}

export type ControlStatusCounts = Record<ControlStatus, number>;

export function countControlStatuses(controls: Iterable<{ status: ControlStatus }>): ControlStatusCounts {
  const counts = Object.fromEntries(CONTROL_STATUSES.map((s) => [s, 0])) as ControlStatusCounts;
  for (const c of controls) counts[c.status] += 1;
  return counts;
}

/** One framework evaluated over one assessment: what every compliance report format renders. */
export interface ComplianceReport {
  framework: { id: string; name: string; version: string; crosswalk?: { framework: string; note: string } };
  assessment: { id: string; startedAt: string; hostname: string };
  /** The platform whose shared-responsibility column was applied. */
  platform: string;
  generatedAt: string;
  controls: ControlEvaluation[];
  summary: ControlStatusCounts;
}
