// A generic webhook: each batch is POSTed as JSON ({"events": [...]}) over HTTP or HTTPS, signed so the receiver
// can check it came from us and is fresh:
//
//   X-Coastguard-Timestamp: <unix seconds>
//   X-Coastguard-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>
//
// The timestamp is inside the MAC, so a receiver rejecting timestamps older than a few minutes stops replays.
// 2xx is delivered (the response body is not interpreted); 408, 425, 429 and 5xx are retried; other answers
// (3xx, 4xx) will not improve by retrying and park the batch.
import { createHmac } from 'node:crypto';
import { z } from 'zod';
import type { DeliveryEvent, Destination } from './destination.js';
import { type DestinationKind, destinationOptions } from './destination-kind.js';
import { answerError, readCa, request } from './http.js';
import { resolveSecret, SecretRef } from './secret.js';

const config = destinationOptions('webhook', {
  url: z.url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' }),
  secret: SecretRef,
  /** PEM bundle of the CAs to trust for an https URL (default: the system's). */
  caFile: z.string().trim().min(1).optional(),
});
export type WebhookConfig = z.infer<typeof config>;

export const webhook: DestinationKind<typeof config> = {
  kind: 'webhook',
  config,
  create: (options, context) => createWebhookDestination(options, context.env),
};

export const SIGNATURE_HEADER = 'x-coastguard-signature';
export const TIMESTAMP_HEADER = 'x-coastguard-timestamp';

export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export function createWebhookDestination(
  options: Pick<WebhookConfig, 'name' | 'url' | 'secret' | 'caFile'>,
  env: NodeJS.ProcessEnv = process.env,
): Destination {
  const url = new URL(options.url);
  return {
    name: options.name,
    kind: 'webhook',
    async deliver(events: readonly DeliveryEvent[], signal: AbortSignal): Promise<void> {
      const secret = await resolveSecret(options.secret, env);
      const body = JSON.stringify({ events: events.map((e) => e.body) });
      const timestamp = String(Math.floor(Date.now() / 1000));
      // The URL may carry a token in its query or user info: messages name only its origin and path.
      const call = {
        method: 'POST' as const,
        url,
        body,
        ca: await readCa(options.caFile),
        signal,
        secrets: [secret],
        headers: {
          'content-type': 'application/json',
          [TIMESTAMP_HEADER]: timestamp,
          [SIGNATURE_HEADER]: signWebhook(secret, timestamp, body),
        },
      };
      const answer = await request(call);
      if (answer.status < 200 || answer.status >= 300) throw answerError(call, answer);
    },
    close: async () => {},
  };
}
