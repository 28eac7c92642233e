// What the audit trail records of governance, besides assessments: a configuration file that changed since it was
// last recorded (its path and hash, never its content), and each waiver a compliance report applied or found
// expired — once per assessment, framework and waiver, however often the report is produced.
import { appendAuditBatch } from '../audit/index.js';
import type { LoadedConfig } from '../config/index.js';
import type { AuditDraft } from '../core/audit/audit-entry.js';
import { toAuditEntry } from '../core/audit/audit-entry.js';
import type { AuditStore } from '../core/audit/audit-repository.js';
import type { ComplianceReport } from '../core/compliance/control-status.js';

async function recorded(store: AuditStore, action: string) {
  return (await store.audit.list({ action })).flatMap((s) => toAuditEntry(s) ?? []);
}

export async function recordConfigChange(
  store: AuditStore,
  loaded: Pick<LoadedConfig, 'file' | 'sha256'>,
  options: { home: string; actor: string },
): Promise<boolean> {
  if (loaded.file === undefined || loaded.sha256 === undefined) return false;
  const subject = `config:${loaded.file}`;
  const last = (await recorded(store, 'config.changed')).filter((e) => e.subject === subject).at(-1);
  const previous = last?.data.sha256;
  if (previous === loaded.sha256) return false;
  await appendAuditBatch(
    store,
    [
      {
        actor: options.actor,
        action: 'config.changed',
        subject,
        data: {
          file: loaded.file,
          sha256: loaded.sha256,
          ...(typeof previous === 'string' ? { previousSha256: previous } : {}),
        },
      },
    ],
    { home: options.home },
  );
  return true;
}

/** The drafts for waivers the report used that the trail does not hold yet for its assessment and framework. */
export function waiverDrafts(
  report: ComplianceReport,
  actor: string,
  known: ReadonlySet<string>,
): AuditDraft[] {
  const byWaiver = new Map<
    string,
    {
      state: string;
      controls: string[];
      results: number;
      justification: string;
      approver: string;
      expires: string;
    }
  >();
  for (const control of report.controls) {
    for (const w of control.waivers) {
      const seen = byWaiver.get(w.waiverId);
      if (seen === undefined) {
        byWaiver.set(w.waiverId, {
          state: w.state,
          controls: [control.id],
          results: w.results,
          justification: w.justification,
          approver: w.approver,
          expires: w.expires,
        });
      } else {
        seen.controls.push(control.id);
        seen.results = Math.max(seen.results, w.results);
      }
    }
  }
  return [...byWaiver].flatMap(([waiverId, w]): AuditDraft[] => {
    const action = w.state === 'applied' ? 'waiver.applied' : 'waiver.expired';
    if (known.has(`${action}\u0000${waiverId}\u0000${report.assessment.id}\u0000${report.framework.id}`))
      return [];
    return [
      {
        actor,
        action,
        subject: `waiver:${waiverId}`,
        data: {
          waiverId,
          assessmentId: report.assessment.id,
          framework: report.framework.id,
          controls: w.controls,
          results: w.results,
          justification: w.justification,
          approver: w.approver,
          expires: w.expires,
        },
      },
    ];
  });
}

export async function recordWaiverUse(
  store: AuditStore,
  report: ComplianceReport,
  options: { home: string; actor: string },
): Promise<number> {
  const known = new Set<string>();
  for (const action of ['waiver.applied', 'waiver.expired']) {
    for (const e of await recorded(store, action)) {
      known.add(
        `${action}\u0000${String(e.data.waiverId)}\u0000${String(e.data.assessmentId)}\u0000${String(e.data.framework)}`,
      );
    }
  }
  const drafts = waiverDrafts(report, options.actor, known);
  if (drafts.length > 0) await appendAuditBatch(store, drafts, { home: options.home });
  return drafts.length;
}
