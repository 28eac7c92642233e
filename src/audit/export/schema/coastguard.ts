// Coastguard's own event shape (documented in docs/audit-export.md): the audit entry as it is in the trail, with
// the event id and the hashes, so a receiver can re-check the chain from what it received.
import type { EventSchema } from './event-schema.js';

export const COASTGUARD_SCHEMA_VERSION = 'coastguard.audit/v1';

export const coastguard: EventSchema = {
  id: 'coastguard',
  format: (entry, context) => ({
    schema: COASTGUARD_SCHEMA_VERSION,
    id: context.eventId,
    trail: context.trailId,
    seq: entry.seq,
    time: entry.time,
    actor: entry.actor,
    action: entry.action,
    subject: entry.subject,
    ...(context.severity === undefined ? {} : { severity: context.severity }),
    data: entry.data,
    prevHash: entry.prevHash,
    hash: entry.hash,
  }),
};
