// OCSF 1.3 (Open Cybersecurity Schema Framework), for SIEMs and data lakes that ingest it natively:
//
//   runtime.alert            → Detection Finding (2004), activity Create (1)
//   runtime.alert.repeated   → Detection Finding (2004), activity Update (2), with the count
//   finding.opened           → Compliance Finding (2003), activity Create (1), compliance status Fail
//   finding.fixed            → Compliance Finding (2003), activity Close (3), compliance status Pass
//   anything else            → Base Event (0): assessments, responses, attestations, configuration, API calls
//
// Every event carries type_uid (class_uid × 100 + activity_id), severity_id, time (epoch ms), metadata with the
// schema version, the product, and the event id as metadata.uid (receivers deduplicate on it), and the audit
// entry itself under `unmapped`, so nothing Coastguard recorded is lost in translation.
import type { AuditEntry } from '../../../core/audit/audit-entry.js';
import type { Severity } from '../../../core/result/severity.js';
import type { EventContext, EventSchema } from './event-schema.js';

export const OCSF_VERSION = '1.3.0';

const SEVERITY_ID: Readonly<Record<Severity, number>> = { info: 1, low: 2, medium: 3, high: 4, critical: 5 };
const SEVERITY_NAME = ['Unknown', 'Informational', 'Low', 'Medium', 'High', 'Critical'];

type Data = AuditEntry['data'];

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function base(
  entry: AuditEntry,
  context: EventContext,
  classUid: number,
  categoryUid: number,
  activityId: number,
) {
  const severityId = context.severity === undefined ? 0 : SEVERITY_ID[context.severity];
  return {
    class_uid: classUid,
    category_uid: categoryUid,
    activity_id: activityId,
    type_uid: classUid * 100 + activityId,
    severity_id: severityId,
    severity: SEVERITY_NAME[severityId],
    time: Date.parse(entry.time),
    metadata: {
      version: OCSF_VERSION,
      uid: context.eventId,
      product: { name: 'Coastguard', vendor_name: 'Coastguard', uid: context.trailId },
      log_name: 'audit',
      sequence: entry.seq,
    },
    unmapped: {
      actor: entry.actor,
      action: entry.action,
      subject: entry.subject,
      data: entry.data,
      prevHash: entry.prevHash,
      hash: entry.hash,
    },
  };
}

function containerResources(data: Data): Record<string, unknown>[] {
  const container = record(data.container);
  const id = text(container.id);
  if (id === undefined || id === 'host') return [];
  return [
    {
      type: 'container',
      uid: id,
      ...(text(container.name) === undefined ? {} : { name: text(container.name) }),
      ...(text(container.image) === undefined ? {} : { labels: [`image:${text(container.image)}`] }),
    },
  ];
}

function detectionFinding(entry: AuditEntry, context: EventContext): Record<string, unknown> {
  const data = entry.data;
  const isRepeat = entry.action === 'runtime.alert.repeated';
  const rule = text(data.rule) ?? 'runtime alert';
  return {
    ...base(entry, context, 2004, 2, isRepeat ? 2 : 1),
    activity_name: isRepeat ? 'Update' : 'Create',
    class_name: 'Detection Finding',
    category_name: 'Findings',
    message: text(data.output) ?? rule,
    status_id: 1,
    status: 'New',
    finding_info: {
      uid: text(data.key) ?? context.eventId,
      title: rule,
      ...(text(data.output) === undefined ? {} : { desc: text(data.output) }),
      types: Array.isArray(data.tags) ? data.tags.filter((t) => typeof t === 'string') : [],
      ...(text(data.firstSeen) === undefined
        ? {}
        : { first_seen_time: Date.parse(text(data.firstSeen) ?? '') }),
      ...(text(data.lastSeen) === undefined ? {} : { last_seen_time: Date.parse(text(data.lastSeen) ?? '') }),
    },
    ...(typeof data.count === 'number' ? { count: data.count } : {}),
    resources: containerResources(data),
  };
}

function complianceFinding(entry: AuditEntry, context: EventContext): Record<string, unknown> {
  const data = entry.data;
  const isFixed = entry.action === 'finding.fixed';
  const subject = record(data.subject);
  const title = text(data.title) ?? text(data.checkId) ?? 'finding';
  return {
    ...base(entry, context, 2003, 2, isFixed ? 3 : 1),
    activity_name: isFixed ? 'Close' : 'Create',
    class_name: 'Compliance Finding',
    category_name: 'Findings',
    message: `${isFixed ? 'Fixed' : 'Opened'}: ${title}`,
    status_id: isFixed ? 4 : 1,
    status: isFixed ? 'Resolved' : 'New',
    finding_info: { uid: entry.subject.replace(/^finding:/, ''), title },
    compliance: {
      control: text(data.cisId) ?? text(data.checkId),
      standards: text(data.cisId) === undefined ? ['Coastguard'] : ['CIS Docker Benchmark v1.6.0'],
      status_id: isFixed ? 1 : 3,
      status: isFixed ? 'Pass' : 'Fail',
    },
    resources:
      text(subject.kind) === undefined
        ? []
        : [{ type: text(subject.kind), uid: text(subject.id), name: text(subject.name) }],
  };
}

export const ocsf: EventSchema = {
  id: 'ocsf',
  format: (entry, context) => {
    if (entry.action === 'runtime.alert' || entry.action === 'runtime.alert.repeated') {
      return detectionFinding(entry, context);
    }
    if (entry.action === 'finding.opened' || entry.action === 'finding.fixed')
      return complianceFinding(entry, context);
    return {
      ...base(entry, context, 0, 0, 99),
      activity_name: entry.action,
      class_name: 'Base Event',
      category_name: 'Uncategorized',
      message: `${entry.action} ${entry.subject}`,
    };
  },
};
