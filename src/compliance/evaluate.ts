// Evaluation: one assessment's results, through the mapping, become a status per control of one framework.
// Pure: the caller supplies the results, the subjects' facts, the platform, the waivers and the time.
// The rules are documented in docs/compliance.md; keep the two in step.
import {
  type Attestation,
  type AttestationApplication,
  attestationApplies,
} from '../core/compliance/attestation.js';
import type { ControlCheck, ControlEvaluation, ControlStatus } from '../core/compliance/control-status.js';
import type { CheckMapping, Control, Framework } from '../core/compliance/framework.js';
import type { Waiver, WaiverApplication } from '../core/compliance/waiver.js';
import type { CheckResult, Subject } from '../core/result/check-result.js';
import { type CompliancePlatform, responsibilityOn } from './responsibility.js';
import { isExpired, type SubjectIndex, waiversFor } from './waivers.js';

export interface EvaluationInput {
  framework: Framework;
  mapping: readonly CheckMapping[];
  results: readonly CheckResult[];
  /** Facts about each result's subject, for waiver scopes (see indexSubjects). */
  subjects: SubjectIndex;
  platform: CompliancePlatform;
  waivers?: readonly Waiver[];
  /** Answers to manual controls; those of other frameworks are ignored. */
  attestations?: readonly Attestation[];
  /** ISO time against which waiver and attestation expiry is judged (the time of the report). */
  now: string;
}

export function evaluateFramework(input: EvaluationInput): ControlEvaluation[] {
  const byCheck = new Map<string, CheckResult[]>();
  for (const result of input.results) {
    const list = byCheck.get(result.checkId) ?? [];
    list.push(result);
    byCheck.set(result.checkId, list);
  }
  return input.framework.controls.map((control) => evaluateControl(control, input, byCheck));
}

interface Tally {
  check: ControlCheck;
  decisive: { pass: CheckResult[]; fail: CheckResult[]; manual: CheckResult[] };
}

function evaluateControl(
  control: Control,
  input: EvaluationInput,
  byCheck: ReadonlyMap<string, readonly CheckResult[]>,
): ControlEvaluation {
  const { framework } = input;
  const mapped = input.mapping.filter((m) => m.controls[framework.mappingId]?.includes(control.id));
  const applications = new Map<string, WaiverApplication>();
  const tallies = mapped.map((check) => {
    const results = (byCheck.get(check.checkId) ?? []).filter((r) => isAboutControl(r, framework, control));
    return tallyCheck(check, results, control, input, applications);
  });
  const attestations = (input.attestations ?? [])
    .filter((a) => a.control === control.id && attestationApplies(a, framework))
    .map(
      (a): AttestationApplication => ({
        ...a,
        state:
          a.expires !== undefined && Date.parse(a.expires) <= Date.parse(input.now) ? 'expired' : 'current',
      }),
    );
  const automated = decideStatus(tallies.map((t) => t.check));
  // A manual control a person answered (and whose answer has not expired) is satisfied, by attestation.
  const status =
    automated === 'manual' && attestations.some((a) => a.state === 'current') ? 'satisfied' : automated;
  return {
    id: control.id,
    title: control.title,
    status,
    checks: tallies.map((t) => t.check),
    ...decisiveEvidence(automated, tallies),
    waivers: [...applications.values()],
    attestations,
  };
}

/** A result that names its control (CIS `cisId`) counts only for that control, though its check maps to several. */
function isAboutControl(result: CheckResult, framework: Framework, control: Control): boolean {
  if (framework.resultsCarryControlId !== 'cisId' || result.cisId === undefined) return true;
  return result.cisId === control.id;
}

function tallyCheck(
  check: CheckMapping,
  results: readonly CheckResult[],
  control: Control,
  input: EvaluationInput,
  applications: Map<string, WaiverApplication>,
): Tally {
  const responsibility = responsibilityOn(check, input.platform);
  const tally: Tally = {
    check: {
      checkId: check.checkId,
      responsibility,
      evidence: 'no-results',
      pass: 0,
      fail: 0,
      waived: 0,
      manual: 0,
      error: 0,
    },
    decisive: { pass: [], fail: [], manual: [] },
  };
  const counted = tally.check;
  // The provider's side is inherited, and a check that does not apply says nothing: their results never count.
  if (responsibility === 'aws') return { ...tally, check: { ...counted, evidence: 'inherited' } };
  if (responsibility === 'n/a') return { ...tally, check: { ...counted, evidence: 'not-applicable' } };
  if (!check.isImplemented && results.length === 0) {
    return { ...tally, check: { ...counted, evidence: 'not-implemented' } };
  }
  const frameworkIds = [input.framework.id, input.framework.mappingId];
  for (const result of results) {
    switch (result.status) {
      case 'pass':
        counted.pass += 1;
        tally.decisive.pass.push(result);
        break;
      case 'manual':
        counted.manual += 1;
        tally.decisive.manual.push(result);
        break;
      case 'error':
        // A check that could not tell is not evidence of compliance: it counts against the control.
        counted.error += 1;
        counted.fail += 1;
        tally.decisive.fail.push(result);
        break;
      case 'fail': {
        const matching = waiversFor(
          result,
          { frameworkIds, id: control.id },
          input.waivers ?? [],
          input.subjects(result.subject),
        );
        const active = matching.filter((w) => !isExpired(w, input.now));
        for (const waiver of matching) record(applications, waiver, isExpired(waiver, input.now));
        if (active.length > 0) {
          counted.waived += 1;
        } else {
          counted.fail += 1;
          tally.decisive.fail.push(result);
        }
        break;
      }
      case 'not-applicable':
        break;
    }
  }
  if (counted.pass + counted.fail + counted.waived > 0) counted.evidence = 'automated';
  else if (counted.manual > 0) counted.evidence = 'manual';
  return tally;
}

function record(
  applications: Map<string, WaiverApplication>,
  waiver: Waiver,
  isWaiverExpired: boolean,
): void {
  const known = applications.get(waiver.id);
  if (known) {
    known.results += 1;
    return;
  }
  applications.set(waiver.id, {
    waiverId: waiver.id,
    state: isWaiverExpired ? 'expired' : 'applied',
    justification: waiver.justification,
    approver: waiver.approver,
    expires: waiver.expires,
    results: 1,
  });
}

/** The status rules of docs/compliance.md, in order. */
export function decideStatus(checks: readonly ControlCheck[]): ControlStatus {
  if (checks.length === 0) return 'manual';
  const ours = checks.filter((c) => c.responsibility === 'customer' || c.responsibility === 'shared');
  const pass = sum(ours, (c) => c.pass);
  const fail = sum(ours, (c) => c.fail);
  const waived = sum(ours, (c) => c.waived);
  if (fail > 0) return pass > 0 ? 'partially' : 'not-satisfied';
  if (pass + waived > 0) return 'satisfied';
  if (ours.some((c) => c.evidence === 'manual' || c.evidence === 'not-implemented')) return 'manual';
  if (checks.some((c) => c.evidence === 'inherited')) return 'inherited';
  return 'not-applicable';
}

function sum(checks: readonly ControlCheck[], count: (c: ControlCheck) => number): number {
  return checks.reduce((total, c) => total + count(c), 0);
}

/** The results that decided the status (failing ones when not satisfied) and their subjects, once each. */
function decisiveEvidence(
  status: ControlStatus,
  tallies: readonly Tally[],
): Pick<ControlEvaluation, 'subjects' | 'evidence'> {
  const pick = (t: Tally): CheckResult[] => {
    if (status === 'not-satisfied' || status === 'partially') return t.decisive.fail;
    if (status === 'satisfied') return t.decisive.pass;
    if (status === 'manual') return t.decisive.manual;
    return [];
  };
  const results = tallies.flatMap(pick);
  const unique = new Map<string, Subject>();
  for (const { subject } of results) unique.set(`${subject.kind}:${subject.id}`, subject);
  return {
    subjects: [...unique.values()],
    evidence: results.map((r) => ({
      checkId: r.checkId,
      status: r.status,
      subject: r.subject,
      evidence: r.evidence,
    })),
  };
}
