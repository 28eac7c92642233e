// Jira (Cloud and Data Center REST API v2): one issue per event, for the events the destination's filter lets
// through (e.g. `filter: { actions: ['runtime.alert', 'finding.opened'], minSeverity: high }`). Each issue carries
// a label derived from the event id, and the label is searched first: a retry after a timeout, or a replay after
// a crash, finds the issue already opened instead of opening a second one.
//
// Auth: an email with an API token (Cloud, basic) or a personal access token (Data Center, bearer).
// Answers: 201 {id, key}; 400 {errorMessages, errors} and 401/403 will not improve by retrying; 429 and 5xx will.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Severity } from '../../core/result/severity.js';
import { DeliveryError, type DeliveryEvent, type Destination } from './destination.js';
import { type DestinationKind, destinationOptions } from './destination-kind.js';
import { eventText } from './event-text.js';
import { answerError, type HttpCall, jsonOf, readCa, request } from './http.js';
import { resolveSecret, SecretRef } from './secret.js';

const Auth = z.union([
  z.strictObject({ email: z.string().trim().min(1), token: SecretRef }),
  z.strictObject({ bearer: SecretRef }),
]);

const config = destinationOptions('jira', {
  url: z.url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' }),
  project: z.string().regex(/^[A-Z][A-Z0-9_]{0,19}$/, 'expected a Jira project key such as SEC'),
  issueType: z.string().trim().min(1).default('Task'),
  auth: Auth,
  labels: z.array(z.string().regex(/^\S+$/, 'labels have no spaces')).default([]),
  /** Jira priority name per severity, e.g. { critical: Highest, high: High }; unset severities get the default. */
  priorities: z
    .partialRecord(z.enum(['critical', 'high', 'medium', 'low', 'info']), z.string().min(1))
    .default({}),
  caFile: z.string().trim().min(1).optional(),
});
export type JiraConfig = z.infer<typeof config>;

export const jira: DestinationKind<typeof config> = {
  kind: 'jira',
  config,
  create: (options, context) => createJiraDestination(options, context.env),
};

/** The label that finds the issue of an event again. */
export function eventLabel(eventId: string): string {
  return `coastguard-${createHash('sha256').update(eventId).digest('hex').slice(0, 20)}`;
}

export function jiraIssue(
  options: Pick<JiraConfig, 'project' | 'issueType' | 'labels' | 'priorities'>,
  event: DeliveryEvent,
) {
  const { title, facts, detail } = eventText(event);
  const priority = event.severity === undefined ? undefined : options.priorities[event.severity as Severity];
  return {
    fields: {
      project: { key: options.project },
      issuetype: { name: options.issueType },
      summary: title,
      description: `${facts.map(([l, v]) => `*${l}:* ${v}`).join('\n')}\n\n{code:json}\n${detail}\n{code}`,
      labels: [...options.labels, 'coastguard', eventLabel(event.id)],
      ...(priority === undefined ? {} : { priority: { name: priority } }),
    },
  };
}

export function createJiraDestination(
  options: JiraConfig,
  env: NodeJS.ProcessEnv = process.env,
): Destination {
  const base = new URL(options.url);
  return {
    name: options.name,
    kind: 'jira',
    async deliver(events: readonly DeliveryEvent[], signal: AbortSignal): Promise<void> {
      const secret = await resolveSecret(
        'bearer' in options.auth ? options.auth.bearer : options.auth.token,
        env,
      );
      const authorization =
        'bearer' in options.auth
          ? `Bearer ${secret}`
          : `Basic ${Buffer.from(`${options.auth.email}:${secret}`).toString('base64')}`;
      const ca = await readCa(options.caFile);
      const call = (method: HttpCall['method'], url: URL, body?: unknown): HttpCall => ({
        method,
        url,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        headers: { authorization, accept: 'application/json', 'content-type': 'application/json' },
        ...(ca === undefined ? {} : { ca }),
        signal,
        secrets: [secret, authorization],
      });
      for (const event of events) {
        const search = new URL('/rest/api/2/search', base);
        search.searchParams.set('jql', `labels = "${eventLabel(event.id)}"`);
        search.searchParams.set('fields', 'key');
        search.searchParams.set('maxResults', '1');
        const found = call('GET', search);
        const existing = await request(found);
        if (existing.status !== 200) throw answerError(found, existing);
        const total = jsonOf(found, existing).total;
        if (typeof total === 'number' && total > 0) continue;
        const create = call('POST', new URL('/rest/api/2/issue', base), jiraIssue(options, event));
        const created = await request(create);
        if (created.status !== 201) throw answerError(create, created);
        if (typeof jsonOf(create, created).key !== 'string') {
          throw new DeliveryError(
            `Jira at ${base.origin} created no issue key: ${created.text.slice(0, 200)}`,
            true,
          );
        }
      }
    },
    close: async () => {},
  };
}
