// One line on why a control has its status, shared by the JUnit and CSV formats.
import type { ControlEvaluation } from '../../core/compliance/control-status.js';

export function describeChecks(control: ControlEvaluation): string {
  return control.checks
    .map((c) => {
      if (c.evidence === 'automated') {
        const waived = c.waived > 0 ? `, ${c.waived} waived` : '';
        return `${c.checkId}: ${c.pass} pass, ${c.fail} fail${waived}`;
      }
      return `${c.checkId}: ${c.evidence}`;
    })
    .join('; ');
}

export function describeSubjects(control: ControlEvaluation): string {
  return control.subjects.map((s) => `${s.kind} ${s.name}`).join('; ');
}

export function describeWaivers(control: ControlEvaluation): string {
  return control.waivers
    .map(
      (w) =>
        `${w.waiverId} (${w.state}, expires ${w.expires}, approved by ${w.approver}): ${w.justification}`,
    )
    .join('; ');
}
