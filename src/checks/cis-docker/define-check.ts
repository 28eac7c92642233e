// Builds CIS Docker checks from their facts (id, title, stable id, severity) and a judge that only decides
// status and evidence, so every result a check emits carries the same ids, title, severity and remediation.
import type { Check, Scope } from '../../core/check/check.js';
import type { Snapshot } from '../../core/inventory/snapshot.js';
import type { CheckResult, CheckStatus, Subject } from '../../core/result/check-result.js';
import type { Severity } from '../../core/result/severity.js';

export interface CisDockerCheck extends Check {
  readonly cisId: string;
  /**
   * Stable id for results about containers, where the mapping splits one recommendation by subject: CIS 4.1 is
   * `image-runs-as-root` for images and `container-runs-as-root` for containers.
   */
  readonly containerCheckId?: string;
}

/** A check's facts: copied from the benchmark and the mapping, except the remediation, which is ours. */
export interface CheckMeta {
  cisId: string;
  checkId: string;
  title: string;
  scope: Scope;
  severity: Severity;
  automation: 'automated' | 'manual';
  remediation: string;
  containerCheckId?: string;
}

/** What a judge decides about one subject. */
export interface Verdict {
  subject: Subject;
  status: CheckStatus;
  evidence: string;
}

export type Judge = (snapshot: Snapshot) => Iterable<Verdict>;

export function defineCheck(meta: CheckMeta, judge: Judge): CisDockerCheck {
  const check: CisDockerCheck = {
    id: `cis-docker-${meta.cisId}`,
    checkId: meta.checkId,
    cisId: meta.cisId,
    title: meta.title,
    scope: meta.scope,
    severity: meta.severity,
    automation: meta.automation,
    remediation: meta.remediation,
    ...(meta.containerCheckId ? { containerCheckId: meta.containerCheckId } : {}),
    *evaluate(snapshot: Snapshot): Iterable<CheckResult> {
      for (const verdict of judge(snapshot)) {
        yield {
          checkId:
            verdict.subject.kind === 'container' && meta.containerCheckId
              ? meta.containerCheckId
              : meta.checkId,
          cisId: meta.cisId,
          title: meta.title,
          status: verdict.status,
          severity: meta.severity,
          subject: verdict.subject,
          evidence: verdict.evidence,
          remediation: meta.remediation,
        };
      }
    },
  };
  return check;
}
