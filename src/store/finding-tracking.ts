// Pure finding tracking: given a host's findings so far and one new assessment of that host, decide which
// findings open, stay open, get fixed or reopen. The store applies the plan in the assessment's transaction.
import type { Snapshot } from '../core/inventory/snapshot.js';
import type { CheckResult, Subject } from '../core/result/check-result.js';
import type { Finding } from '../core/result/finding.js';
import { severityRank } from '../core/result/severity.js';

/** A finding as the store keeps it: what reports show, plus what tracking needs. */
export interface TrackedFinding extends Finding {
  hostId: string;
  reopenCount: number;
  firstAssessmentId: string;
  /** The last assessment that saw it failing. */
  lastAssessmentId: string;
}

export interface FingerprintedResult {
  fingerprint: string;
  result: CheckResult;
}

export interface FindingPlanInput {
  hostId: string;
  assessmentId: string;
  /** The assessment's start, in the store's canonical UTC form. */
  at: string;
  snapshot: Snapshot;
  results: readonly FingerprintedResult[];
  /** Every finding of this host recorded so far, open or fixed. */
  existing: readonly TrackedFinding[];
}

export interface FindingPlan {
  /** Fingerprints never seen before: to insert. */
  created: TrackedFinding[];
  /**
   * Open findings seen failing again with unchanged details: only their last-seen time and assessment move, which
   * the store does in bulk (most findings of a daily scan are these).
   */
  seenAgain: TrackedFinding[];
  /** Known findings whose details or state change otherwise (refreshed details, reopened): to update one by one. */
  updated: TrackedFinding[];
  /** Created or reopened by this assessment. */
  opened: TrackedFinding[];
  /** Open findings this assessment fixed: state and fixed time change, in bulk. */
  fixed: TrackedFinding[];
  /** Findings open before this assessment that are still open after it. */
  stillOpen: number;
}

/** What one assessment says about one fingerprint (a check may report the same subject more than once). */
interface Verdict {
  /** The most severe failing result, if any failed. */
  failing?: CheckResult;
  /** Some result was pass or not-applicable. */
  isCleared: boolean;
  /** Some result was error or manual: the check could not judge the subject this time. */
  isInconclusive: boolean;
}

/**
 * The tracking rule:
 * - A `fail` result opens a finding for its fingerprint: a new one (first seen now), an open one (last seen now,
 *   details refreshed: the severity, evidence or subject id may have changed), or a fixed one, which reopens
 *   (first seen kept, fixed time cleared, reopen time and count recorded).
 * - An open finding this assessment did not see failing is fixed only on evidence that it is gone:
 *   the same fingerprint was judged `pass` or `not-applicable` (and not also `error`/`manual`), or it has no
 *   result at all and its subject is no longer in the snapshot (container or network removed, image deleted).
 * - Otherwise it stays open, unchanged. An `error` or `manual` result is not a fix: the check could not look.
 *   Nor is silence about a subject that is still there: the check may have been skipped, failed before reaching
 *   it, or been retired; a finding closes only when something shows it closed.
 * - `error` and `manual` results never create findings; they are not failures.
 */
export function planFindings(input: FindingPlanInput): FindingPlan {
  const verdicts = judgeFingerprints(input.results);
  const existing = new Map(input.existing.map((f) => [f.fingerprint, f]));
  const plan: FindingPlan = { created: [], seenAgain: [], updated: [], opened: [], fixed: [], stillOpen: 0 };

  for (const [fingerprint, verdict] of verdicts) {
    if (verdict.failing === undefined) continue;
    const seen = { ...detailsOf(verdict.failing), lastSeen: input.at, lastAssessmentId: input.assessmentId };
    const previous = existing.get(fingerprint);
    if (previous === undefined) {
      const finding: TrackedFinding = {
        ...seen,
        fingerprint,
        hostId: input.hostId,
        state: 'open',
        firstSeen: input.at,
        firstAssessmentId: input.assessmentId,
        reopenCount: 0,
      };
      plan.created.push(finding);
      plan.opened.push(finding);
    } else if (previous.state === 'open') {
      const refreshed = withoutUndefined<TrackedFinding>({ ...previous, ...seen });
      (hasSameDetails(previous, refreshed) ? plan.seenAgain : plan.updated).push(refreshed);
      plan.stillOpen += 1;
    } else {
      const reopened = withoutUndefined<TrackedFinding>({
        ...previous,
        ...seen,
        state: 'open',
        fixedAt: undefined,
        reopenedAt: input.at,
        reopenCount: previous.reopenCount + 1,
      });
      plan.updated.push(reopened);
      plan.opened.push(reopened);
    }
  }

  for (const previous of input.existing) {
    const verdict = verdicts.get(previous.fingerprint);
    if (previous.state !== 'open' || verdict?.failing !== undefined) continue;
    const isFixed =
      verdict === undefined
        ? !isSubjectPresent(input.snapshot, previous.subject)
        : verdict.isCleared && !verdict.isInconclusive;
    if (isFixed) {
      plan.fixed.push({ ...previous, state: 'fixed', fixedAt: input.at });
    } else {
      plan.stillOpen += 1;
    }
  }
  return plan;
}

/**
 * Whether the snapshot still holds the subject, matched the way fingerprints key it: containers and networks by
 * name, images by id. The host and daemon are the ones assessed, so they are always present; so is any kind this
 * function does not know, which keeps its findings open rather than fixing them by omission.
 */
export function isSubjectPresent(snapshot: Snapshot, subject: Subject): boolean {
  switch (subject.kind) {
    case 'container':
      return snapshot.containers.some((c) => c.name === subject.name);
    case 'network':
      return snapshot.networks.some((n) => n.name === subject.name);
    case 'image':
      return snapshot.images.some((i) => i.id === subject.id);
    default:
      return true;
  }
}

/** The reported form: tracking bookkeeping stripped. */
export function toFinding(tracked: TrackedFinding): Finding {
  const {
    hostId: _host,
    reopenCount: _count,
    firstAssessmentId: _first,
    lastAssessmentId: _last,
    ...finding
  } = tracked;
  return finding;
}

function judgeFingerprints(results: readonly FingerprintedResult[]): Map<string, Verdict> {
  const verdicts = new Map<string, Verdict>();
  for (const { fingerprint, result } of results) {
    const verdict = verdicts.get(fingerprint) ?? { isCleared: false, isInconclusive: false };
    switch (result.status) {
      case 'fail':
        if (
          verdict.failing === undefined ||
          severityRank(result.severity) > severityRank(verdict.failing.severity)
        ) {
          verdict.failing = result;
        }
        break;
      case 'pass':
      case 'not-applicable':
        verdict.isCleared = true;
        break;
      case 'error':
      case 'manual':
        verdict.isInconclusive = true;
        break;
    }
    verdicts.set(fingerprint, verdict);
  }
  return verdicts;
}

function hasSameDetails(a: Finding, b: Finding): boolean {
  return (
    a.title === b.title &&
    a.severity === b.severity &&
    a.evidence === b.evidence &&
    a.remediation === b.remediation &&
    a.subject.id === b.subject.id &&
    a.subject.name === b.subject.name
  );
}

function detailsOf(result: CheckResult): Omit<Finding, 'fingerprint' | 'state' | 'firstSeen' | 'lastSeen'> {
  const { status: _status, ...details } = result;
  return { ...details, subject: { ...result.subject } };
}

/** Drops keys set to undefined, so a cleared optional field is absent rather than present-but-undefined. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
