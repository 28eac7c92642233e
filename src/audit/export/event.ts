// From a trail entry to a DeliveryEvent: the event id, the severity filters look at, the body in the schema.
import type { AuditEntry } from '../../core/audit/audit-entry.js';
import { isSeverity, type Severity } from '../../core/result/severity.js';
import { parseRulePriority, type RulePriority } from '../../core/runtime/alert.js';
import type { DeliveryEvent } from './destination.js';
import type { EventSchema } from './schema/index.js';

/** Falco priorities onto Coastguard's severities, so one `minSeverity` filters findings and alerts alike. */
const PRIORITY_SEVERITY: Record<RulePriority, Severity> = {
  emergency: 'critical',
  alert: 'critical',
  critical: 'critical',
  error: 'high',
  warning: 'medium',
  notice: 'low',
  informational: 'info',
  debug: 'info',
};

/**
 * The entry's severity: `data.severity` (findings), else a rule priority in `data.priority` or
 * `data.alert.priority` (runtime alerts and responses). Undefined when the entry has none.
 */
export function entrySeverity(entry: AuditEntry): Severity | undefined {
  const data = entry.data;
  if (typeof data.severity === 'string' && isSeverity(data.severity)) return data.severity;
  const alert = data.alert;
  const priority =
    typeof data.priority === 'string'
      ? data.priority
      : typeof alert === 'object' &&
          alert !== null &&
          !Array.isArray(alert) &&
          typeof alert.priority === 'string'
        ? alert.priority
        : undefined;
  const parsed = priority === undefined ? undefined : parseRulePriority(priority);
  return parsed === undefined ? undefined : PRIORITY_SEVERITY[parsed];
}

export function eventId(trailId: string, seq: number): string {
  return `${trailId}:${seq}`;
}

export function toDeliveryEvent(entry: AuditEntry, trailId: string, schema: EventSchema): DeliveryEvent {
  const id = eventId(trailId, entry.seq);
  const severity = entrySeverity(entry);
  const context = severity === undefined ? { eventId: id, trailId } : { eventId: id, trailId, severity };
  return {
    id,
    seq: entry.seq,
    time: entry.time,
    action: entry.action,
    ...(severity === undefined ? {} : { severity }),
    body: schema.format(entry, context),
  };
}
