// ServiceNow (Table API): one incident, or change request for change management, per event the destination's
// filter lets through. The event id is the record's correlation_id, looked up first: a retry or a replay finds
// the record already opened instead of opening a second one. Urgency and impact follow the severity.
//
// Answers: 201 {result: {sys_id, number}}; 400 and 401/403 will not improve by retrying; 429 and 5xx will.
import { z } from 'zod';
import { DeliveryError, type DeliveryEvent, type Destination } from './destination.js';
import { type DestinationKind, destinationOptions } from './destination-kind.js';
import { eventText } from './event-text.js';
import { answerError, type HttpCall, jsonOf, readCa, request } from './http.js';
import { resolveSecret, SecretRef } from './secret.js';

const config = destinationOptions('servicenow', {
  /** The instance, e.g. https://example.service-now.com. */
  url: z.url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' }),
  table: z.enum(['incident', 'change_request']).default('incident'),
  user: z.string().trim().min(1),
  password: SecretRef,
  assignmentGroup: z.string().trim().min(1).optional(),
  category: z.string().trim().min(1).optional(),
  caFile: z.string().trim().min(1).optional(),
});
export type ServiceNowConfig = z.infer<typeof config>;

export const servicenow: DestinationKind<typeof config> = {
  kind: 'servicenow',
  config,
  create: (options, context) => createServiceNowDestination(options, context.env),
};

/** ServiceNow's 1 (high) … 3 (low) for urgency and impact. */
const LEVELS: Readonly<Record<string, [urgency: string, impact: string]>> = {
  critical: ['1', '1'],
  high: ['1', '2'],
  medium: ['2', '2'],
  low: ['3', '3'],
  info: ['3', '3'],
};

export function serviceNowRecord(
  options: Pick<ServiceNowConfig, 'assignmentGroup' | 'category'>,
  event: DeliveryEvent,
) {
  const { title, facts, detail } = eventText(event);
  const [urgency, impact] = LEVELS[event.severity ?? 'medium'] ?? ['2', '2'];
  return {
    short_description: title.slice(0, 160),
    description: `${facts.map(([l, v]) => `${l}: ${v}`).join('\n')}\n\n${detail}`,
    urgency,
    impact,
    correlation_id: event.id,
    correlation_display: 'Coastguard',
    ...(options.assignmentGroup === undefined ? {} : { assignment_group: options.assignmentGroup }),
    ...(options.category === undefined ? {} : { category: options.category }),
  };
}

export function createServiceNowDestination(
  options: ServiceNowConfig,
  env: NodeJS.ProcessEnv = process.env,
): Destination {
  const base = new URL(options.url);
  const table = new URL(`/api/now/table/${options.table}`, base);
  return {
    name: options.name,
    kind: 'servicenow',
    async deliver(events: readonly DeliveryEvent[], signal: AbortSignal): Promise<void> {
      const password = await resolveSecret(options.password, env);
      const authorization = `Basic ${Buffer.from(`${options.user}:${password}`).toString('base64')}`;
      const ca = await readCa(options.caFile);
      const call = (method: HttpCall['method'], url: URL, body?: unknown): HttpCall => ({
        method,
        url,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        headers: { authorization, accept: 'application/json', 'content-type': 'application/json' },
        ...(ca === undefined ? {} : { ca }),
        signal,
        secrets: [password, authorization],
      });
      for (const event of events) {
        const lookup = new URL(table);
        lookup.searchParams.set('sysparm_query', `correlation_id=${event.id}`);
        lookup.searchParams.set('sysparm_fields', 'sys_id,number');
        lookup.searchParams.set('sysparm_limit', '1');
        const find = call('GET', lookup);
        const found = await request(find);
        if (found.status !== 200) throw answerError(find, found);
        const existing = jsonOf(find, found).result;
        if (Array.isArray(existing) && existing.length > 0) continue;
        const create = call('POST', table, serviceNowRecord(options, event));
        const created = await request(create);
        if (created.status !== 201) throw answerError(create, created);
        const result = jsonOf(create, created).result as { sys_id?: unknown } | undefined;
        if (typeof result?.sys_id !== 'string') {
          throw new DeliveryError(
            `ServiceNow at ${base.origin} created no record: ${created.text.slice(0, 200)}`,
            true,
          );
        }
      }
    },
    close: async () => {},
  };
}
