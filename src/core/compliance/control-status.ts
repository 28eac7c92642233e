// The status of one control in one assessment, with the evidence that decided it.
import type { CheckStatus, Subject } from '../result/check-result.js';
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

export interface ControlEvidence {
  checkId: string;
  status: CheckStatus;
  subject: Subject;
  /** The value the check saw, as in the raw result. */
  evidence: string;
}

export interface ControlEvaluation {
  id: string;
  title: string;
  status: ControlStatus;
  checks: ControlCheck[];
  /** The subjects whose results decided the status (failing ones when it is not satisfied). */
  subjects: Subject[];
  /** Those deciding results: which check saw what on which subject. */
  evidence: ControlEvidence[];
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

/** What the report covers, for its scope statement. */
export interface ReportScope {
  hosts: string[];
  containers: number;
  /** Image references (or ids where untagged) of the containers assessed. */
  images: string[];
  /** When the evidence was collected: the assessment's start and end. */
  window: { from: string; to: string };
}

/** One past assessment's status counts, for the trend. */
export interface TrendPoint {
  assessmentId: string;
  startedAt: string;
  summary: ControlStatusCounts;
}

/** A control whose status differs between the `--since` assessment and this one. */
export interface ControlChange {
  id: string;
  title: string;
  from: ControlStatus;
  to: ControlStatus;
}

export interface ReportChanges {
  since: { id: string; startedAt: string };
  controls: ControlChange[];
}

/** Controls whose status differs, in the framework's order. */
export function diffControlStatuses(
  before: readonly Pick<ControlEvaluation, 'id' | 'status'>[],
  after: readonly Pick<ControlEvaluation, 'id' | 'title' | 'status'>[],
): ControlChange[] {
  const previous = new Map(before.map((c) => [c.id, c.status]));
  return after.flatMap((c) => {
    const from = previous.get(c.id);
    return from === undefined || from === c.status ? [] : [{ id: c.id, title: c.title, from, to: c.status }];
  });
}

/** One framework evaluated over one assessment: what every compliance report format renders. */
export interface ComplianceReport {
  /** The Coastguard that made it. */
  tool: { name: string; version: string };
  framework: { id: string; name: string; version: string; crosswalk?: { framework: string; note: string } };
  assessment: {
    id: string;
    startedAt: string;
    finishedAt: string;
    hostname: string;
    /** SHA-256 of the canonical JSON (RFC 8785 rules) of {snapshot, results}: what the statuses rest on. */
    sha256: string;
  };
  scope: ReportScope;
  /** Past assessments of the same host, oldest first, this one last. */
  trend: TrendPoint[];
  /** With `--since`: what changed since that assessment. */
  changes?: ReportChanges;
  /** The platform whose shared-responsibility column was applied. */
  platform: string;
  generatedAt: string;
  controls: ControlEvaluation[];
  summary: ControlStatusCounts;
}
