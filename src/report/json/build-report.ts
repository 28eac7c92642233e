// Assessment → the version 1.0.0 JSON document: a pure mapping, so the contract is tested without streams.
import type { Assessment } from '../../core/assessment.js';
import type { CheckResult, Subject } from '../../core/result/check-result.js';
import type { Finding } from '../../core/result/finding.js';
import { sortResults } from '../order.js';
import { countContainersByState } from '../tally.js';
import { displayName } from '../wording.js';
import type { ReportFinding, ReportResult, ReportSubject, ScanReport } from './schema.js';
import { SCAN_REPORT_SCHEMA_VERSION } from './schema-version.js';

function toSubject(subject: Subject): ReportSubject {
  return { kind: subject.kind, id: subject.id, name: displayName(subject) };
}

/** Only the contract's fields, in the contract's order; `cisId` only when the result comes from CIS. */
function toResult(result: CheckResult): ReportResult {
  return {
    checkId: result.checkId,
    ...(result.cisId === undefined ? {} : { cisId: result.cisId }),
    title: result.title,
    status: result.status,
    severity: result.severity,
    subject: toSubject(result.subject),
    evidence: result.evidence,
    remediation: result.remediation,
  };
}

function toFinding(finding: Finding): ReportFinding {
  return {
    fingerprint: finding.fingerprint,
    checkId: finding.checkId,
    ...(finding.cisId === undefined ? {} : { cisId: finding.cisId }),
    title: finding.title,
    severity: finding.severity,
    subject: toSubject(finding.subject),
    firstSeen: finding.firstSeen,
  };
}

export function buildScanReport(assessment: Assessment): ScanReport {
  const { snapshot, summary, changes } = assessment;
  return {
    schemaVersion: SCAN_REPORT_SCHEMA_VERSION,
    tool: 'coastguard',
    version: assessment.tool.version,
    assessmentId: assessment.id,
    startedAt: assessment.startedAt,
    finishedAt: assessment.finishedAt,
    host: {
      id: snapshot.host.id,
      hostname: snapshot.host.hostname,
      operatingSystem: snapshot.host.operatingSystem,
      kernelVersion: snapshot.host.kernelVersion,
      platform: snapshot.host.platform,
      engineEndpoint: snapshot.engineEndpoint,
      dockerVersion: snapshot.daemon.serverVersion,
    },
    summary: {
      pass: summary.pass,
      fail: summary.fail,
      manual: summary.manual,
      notApplicable: summary['not-applicable'],
      error: summary.error,
    },
    inventory: {
      images: snapshot.images.length,
      containers: snapshot.containers.length,
      networks: snapshot.networks.length,
      containersByState: countContainersByState(snapshot.containers),
    },
    ...(changes === undefined
      ? {}
      : {
          changes: {
            ...(changes.previousAssessmentId === undefined
              ? {}
              : { previousAssessmentId: changes.previousAssessmentId }),
            opened: sortResults(changes.opened).map(toFinding),
            fixed: sortResults(changes.fixed).map(toFinding),
            stillOpen: changes.stillOpen,
          },
        }),
    notes: snapshot.notes.map((n) => ({ subject: n.subject, message: n.message })),
    results: sortResults(assessment.results).map(toResult),
  };
}
