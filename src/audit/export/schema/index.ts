// The event schemas a destination can use (`schema:` in coastguard.yaml): the only file that knows them all.
import { createRegistry } from '../../../core/registry.js';
import { coastguard } from './coastguard.js';
import type { EventSchema } from './event-schema.js';
import { ocsf } from './ocsf.js';

export type { EventContext, EventSchema } from './event-schema.js';

export const eventSchemas = createRegistry('event schema', { coastguard, ocsf }, (s: EventSchema) => s.id);
export type EventSchemaId = keyof typeof eventSchemas;
export const EVENT_SCHEMA_IDS = Object.keys(eventSchemas) as [EventSchemaId, ...EventSchemaId[]];
