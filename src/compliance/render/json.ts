// The JSON compliance report: the contract of issue 4, plus `changes` when --since asked for them, and nothing
// else, so consumers can rely on its shape.
import type { ComplianceReport } from '../../core/compliance/control-status.js';

export function renderJson(report: ComplianceReport): string {
  const body = {
    framework: { id: report.framework.id, version: report.framework.version },
    assessment: { id: report.assessment.id, startedAt: report.assessment.startedAt },
    controls: report.controls.map((c) => ({
      id: c.id,
      title: c.title,
      status: c.status,
      checks: c.checks.map((k) => ({ checkId: k.checkId, pass: k.pass, fail: k.fail })),
      waivers: c.waivers,
      attestations: c.attestations,
    })),
    summary: report.summary,
    ...(report.changes === undefined ? {} : { changes: report.changes }),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}
