// The event-schema seam: how an audit entry is shaped on the wire. One file per schema, listed in index.ts.
import type { AuditEntry } from '../../../core/audit/audit-entry.js';
import type { Severity } from '../../../core/result/severity.js';

/** What every schema gets besides the entry: the id receivers deduplicate on and the entry's severity. */
export interface EventContext {
  /** `<trail id>:<seq>`. */
  readonly eventId: string;
  readonly trailId: string;
  readonly severity?: Severity;
}

export interface EventSchema {
  /** The name used in coastguard.yaml (`schema: coastguard`). */
  readonly id: string;
  format(entry: AuditEntry, context: EventContext): Record<string, unknown>;
}
