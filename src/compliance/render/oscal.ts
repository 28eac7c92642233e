// OSCAL 1.0.6 assessment results (JSON) for FedRAMP tooling. One result for the assessment; per control one
// observation (what was tested, on which subjects, with the raw evidence) and, where the status is a
// determination, one finding: satisfied → satisfied; not-satisfied and partially → not-satisfied. Manual,
// inherited and not-applicable controls have an observation only: OSCAL has no state for them, and inherited must
// never read as passed. Coastguard's own status is kept as a property in every case.
// UUIDs are version-5 style, derived from the assessment, framework and control, so a report made twice from the same
// assessment is the same document (apart from its last-modified time).
import { createHash } from 'node:crypto';
import type { AttestationApplication } from '../../core/compliance/attestation.js';
import type { ComplianceReport, ControlEvaluation } from '../../core/compliance/control-status.js';
import type { Subject } from '../../core/result/check-result.js';

export const OSCAL_VERSION = '1.0.6';
/** The namespace of Coastguard's own properties. */
export const OSCAL_NS = 'urn:coastguard:oscal';

type Json = Record<string, unknown>;

/** A name-based UUID (version 5 layout over SHA-256): stable for the same inputs, valid under OSCAL's pattern. */
export function stableUuid(...parts: string[]): string {
  const bytes = createHash('sha256').update(parts.join('\u0000')).digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** OSCAL strings may not be empty or have outer whitespace, and prop values are one line. */
function oneLine(value: string): string {
  const text = value.replace(/\s+/g, ' ').trim();
  return text === '' ? '-' : text;
}

/**
 * The OSCAL control id: NIST SP 800-53 in its catalog's form (`AC-3(7)` → `ac-3.7`); other frameworks' ids are not
 * always tokens (`12.10.1`, `164.308(a)(1)`), so they are prefixed with the framework id and made into one.
 */
export function oscalControlId(mappingId: string, id: string): string {
  if (mappingId === 'nist-800-53-r5') return id.toLowerCase().replace(/\((\w+)\)/g, '.$1');
  const token = id.replace(/\((\w+)\)/g, '.$1').replace(/[^\p{L}\p{N}._-]/gu, '_');
  return `${mappingId}_${token}`;
}

function prop(name: string, value: string): Json {
  return { name, ns: OSCAL_NS, value: oneLine(value) };
}

function subjectKey(subject: Subject): string {
  return `${subject.kind}:${subject.id}`;
}

function inventoryItem(reportId: string, subject: Subject): Json {
  return {
    uuid: stableUuid(reportId, 'subject', subjectKey(subject)),
    description: `${subject.kind} ${subject.name || subject.id}`,
    props: [
      prop('subject-kind', subject.kind),
      prop('subject-id', subject.id || '-'),
      prop('subject-name', subject.name || '-'),
    ],
  };
}

function attestationEvidence(a: AttestationApplication): Json[] {
  const head = {
    description: `Attested by ${a.by} on ${a.at} (${a.state}${a.expires ? `, until ${a.expires}` : ''}): ${a.statement}`,
  };
  return [
    head,
    ...a.files.map((f) => ({
      description: `Evidence file ${f.path} (${f.bytes} bytes)`,
      props: [prop('sha256', f.sha256)],
    })),
  ];
}

function observation(report: ComplianceReport, reportId: string, control: ControlEvaluation): Json {
  const evidence: Json[] = [
    {
      description: `Assessment ${report.assessment.id}: snapshot and results, SHA-256 of their canonical JSON`,
      props: [prop('sha256', report.assessment.sha256)],
    },
    ...control.evidence.map((e) => ({
      description: `${e.checkId}: ${e.status} on ${e.subject.kind} ${e.subject.name || e.subject.id}: ${e.evidence}`,
    })),
    ...control.attestations.flatMap(attestationEvidence),
  ];
  const checks = control.checks.map(
    (k) =>
      `${k.checkId} (${k.responsibility}, ${k.evidence}): ${k.pass} pass, ${k.fail} fail, ${k.waived} waived`,
  );
  const waivers = control.waivers.map(
    (w) => `Waiver ${w.waiverId} (${w.state}) by ${w.approver} until ${w.expires}: ${w.justification}`,
  );
  const remarks = [...checks, ...waivers].join('\n');
  return {
    uuid: stableUuid(reportId, 'observation', control.id),
    title: oneLine(`${control.id} ${control.title}`),
    description:
      checks.length === 0 ? 'No automated check bears on this control.' : `Checks: ${checks.join('; ')}`,
    props: [prop('control-status', control.status)],
    methods: control.attestations.some((a) => a.state === 'current') ? ['TEST', 'EXAMINE'] : ['TEST'],
    types: ['control-objective'],
    ...(control.subjects.length === 0
      ? {}
      : {
          subjects: control.subjects.map((s) => ({
            'subject-uuid': stableUuid(reportId, 'subject', subjectKey(s)),
            type: 'inventory-item',
            title: oneLine(`${s.kind} ${s.name || s.id}`),
          })),
        }),
    'relevant-evidence': evidence,
    collected: report.assessment.startedAt,
    ...(remarks === '' ? {} : { remarks }),
  };
}

function finding(report: ComplianceReport, reportId: string, control: ControlEvaluation): Json | undefined {
  const state =
    control.status === 'satisfied'
      ? 'satisfied'
      : control.status === 'not-satisfied' || control.status === 'partially'
        ? 'not-satisfied'
        : undefined;
  if (state === undefined) return undefined;
  return {
    uuid: stableUuid(reportId, 'finding', control.id),
    title: oneLine(`${control.id} ${control.title}`),
    description: `Coastguard status: ${control.status}.`,
    props: [prop('control-status', control.status), prop('control-label', control.id)],
    target: {
      type: 'objective-id',
      'target-id': `${oscalControlId(frameworkMapping(report), control.id)}_obj`,
      status: { state, reason: state === 'satisfied' ? 'pass' : 'fail' },
    },
    'related-observations': [{ 'observation-uuid': stableUuid(reportId, 'observation', control.id) }],
  };
}

/** The catalogue a report's control ids come from (FedRAMP views report 800-53 controls). */
function frameworkMapping(report: ComplianceReport): string {
  return report.framework.id.startsWith('fedramp-') ? 'nist-800-53-r5' : report.framework.id;
}

export function buildOscal(report: ComplianceReport): Json {
  const reportId = `${report.assessment.id}\u0000${report.framework.id}`;
  const subjects = new Map<string, Subject>();
  for (const c of report.controls) for (const s of c.subjects) subjects.set(subjectKey(s), s);
  const findings = report.controls.flatMap((c) => finding(report, reportId, c) ?? []);
  const result: Json = {
    uuid: stableUuid(reportId, 'result'),
    title: oneLine(`${report.framework.name} ${report.framework.version}: ${report.assessment.hostname}`),
    description: `Automated assessment of ${report.scope.hosts.join(', ')} (${report.scope.containers} containers, ${report.scope.images.length} images) on platform ${report.platform}. Statuses: ${Object.entries(
      report.summary,
    )
      .map(([s, n]) => `${n} ${s}`)
      .join(', ')}.`,
    start: report.assessment.startedAt,
    end: report.assessment.finishedAt,
    props: [prop('framework', report.framework.id), prop('platform', report.platform)],
    ...(subjects.size === 0
      ? {}
      : {
          'local-definitions': {
            'inventory-items': [...subjects.values()].map((s) => inventoryItem(reportId, s)),
          },
        }),
    'reviewed-controls': {
      'control-selections': [
        {
          'include-controls': report.controls.map((c) => ({
            'control-id': oscalControlId(frameworkMapping(report), c.id),
          })),
        },
      ],
    },
    observations: report.controls.map((c) => observation(report, reportId, c)),
    ...(findings.length === 0 ? {} : { findings }),
    ...(report.framework.crosswalk
      ? {
          remarks: `Evaluated through ${report.framework.crosswalk.framework}: ${report.framework.crosswalk.note}`,
        }
      : {}),
  };
  return {
    'assessment-results': {
      uuid: stableUuid(reportId, 'assessment-results'),
      metadata: {
        title: oneLine(
          `Coastguard assessment results: ${report.framework.name}, ${report.assessment.hostname}`,
        ),
        'last-modified': report.generatedAt,
        version: oneLine(`${report.assessment.id}`),
        'oscal-version': OSCAL_VERSION,
        props: [prop('generator', `${report.tool.name} ${report.tool.version}`)],
      },
      'import-ap': {
        href: `urn:coastguard:assessment-plan:${report.framework.id}`,
        remarks:
          "No separate assessment plan: Coastguard's checks and its check-to-control mapping are the plan.",
      },
      results: [result],
    },
  };
}

export function renderOscal(report: ComplianceReport): string {
  return `${JSON.stringify(buildOscal(report), null, 2)}\n`;
}
