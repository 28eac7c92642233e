// What a recorded assessment adds to the audit trail: one `assessment.recorded` entry, then one
// `finding.opened` or `finding.fixed` entry per finding whose state it changed, all appended together.
import { hostname, userInfo } from 'node:os';
import type { Assessment } from '../core/assessment.js';
import type { AuditDraft, AuditEntry } from '../core/audit/audit-entry.js';
import type { AuditStore } from '../core/audit/audit-repository.js';
import type { Finding, FindingChanges } from '../core/result/finding.js';
import { type AppendAuditOptions, appendAuditBatch } from './append.js';

/** Pure: the drafts, in the order they are appended. Evidence text stays out: the trail records decisions. */
export function assessmentAuditDrafts(
  assessment: Assessment,
  changes: FindingChanges,
  actor: string,
): AuditDraft[] {
  const { host } = assessment.snapshot;
  const recorded: AuditDraft = {
    actor,
    action: 'assessment.recorded',
    subject: `assessment:${assessment.id}`,
    data: {
      assessmentId: assessment.id,
      hostId: host.id,
      hostname: host.hostname,
      startedAt: assessment.startedAt,
      finishedAt: assessment.finishedAt,
      tool: { name: assessment.tool.name, version: assessment.tool.version },
      summary: { ...assessment.summary },
      ...(changes.previousAssessmentId === undefined
        ? {}
        : { previousAssessmentId: changes.previousAssessmentId }),
      opened: changes.opened.length,
      fixed: changes.fixed.length,
      stillOpen: changes.stillOpen,
    },
  };
  const findingDraft = (action: string, finding: Finding): AuditDraft => ({
    actor,
    action,
    subject: `finding:${finding.fingerprint}`,
    data: {
      assessmentId: assessment.id,
      hostId: host.id,
      checkId: finding.checkId,
      ...(finding.cisId === undefined ? {} : { cisId: finding.cisId }),
      title: finding.title,
      severity: finding.severity,
      subject: { kind: finding.subject.kind, id: finding.subject.id, name: finding.subject.name },
      ...(finding.reopenedAt === undefined || action !== 'finding.opened' ? {} : { isReopened: true }),
    },
  });
  return [
    recorded,
    ...changes.opened.map((f) => findingDraft('finding.opened', f)),
    ...changes.fixed.map((f) => findingDraft('finding.fixed', f)),
  ];
}

/** Appends the assessment's entries in one transaction (one disk sync however many findings changed). */
export function recordAssessmentAudit(
  store: AuditStore,
  assessment: Assessment,
  changes: FindingChanges,
  options: AppendAuditOptions & { actor?: string },
): Promise<AuditEntry[]> {
  return appendAuditBatch(
    store,
    assessmentAuditDrafts(assessment, changes, options.actor ?? localActor()),
    options,
  );
}

/** The local user and machine (`alice@build-7`); the uid when the user has no name (containers). */
export function localActor(): string {
  let user: string;
  try {
    user = userInfo().username;
  } catch {
    user = `uid-${process.getuid?.() ?? 'unknown'}`;
  }
  return `${user}@${hostname()}`;
}
