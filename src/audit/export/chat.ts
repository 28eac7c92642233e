// Chat (Slack-style incoming webhooks; Mattermost and Rocket.Chat take the same shape): one message per event,
// with a fallback `text` and `blocks` (a header and the facts). The webhook URL is itself the credential, so it
// is a secret reference and messages name only its host. A 429 is waited out once when Retry-After is short.
import { z } from 'zod';
import { DeliveryError, type DeliveryEvent, type Destination } from './destination.js';
import { type DestinationKind, destinationOptions } from './destination-kind.js';
import { eventText } from './event-text.js';
import { isRetryableStatus, readCa, request } from './http.js';
import { redact, resolveSecret, SecretRef } from './secret.js';

const config = destinationOptions('chat', {
  /** The incoming webhook URL, from a file or the environment: it is the credential. */
  url: SecretRef,
  caFile: z.string().trim().min(1).optional(),
});
export type ChatConfig = z.infer<typeof config>;

export const chat: DestinationKind<typeof config> = {
  kind: 'chat',
  config,
  create: (options, context) => createChatDestination(options, context.env),
};

/** Retry-After up to this is waited out in place; longer, the batch goes back to the delivery loop's backoff. */
const MAX_WAIT_MS = 30_000;

/** Slack's mrkdwn needs &, < and > escaped; everything else is shown as written. */
export function escapeMrkdwn(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

export function chatMessage(event: DeliveryEvent): Record<string, unknown> {
  const { title, facts } = eventText(event);
  return {
    text: title,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: title.slice(0, 150) } },
      {
        type: 'section',
        fields: facts.slice(0, 10).map(([label, value]) => ({
          type: 'mrkdwn',
          text: `*${label}*\n${escapeMrkdwn(value)}`.slice(0, 2_000),
        })),
      },
    ],
  };
}

export function createChatDestination(
  options: ChatConfig,
  env: NodeJS.ProcessEnv = process.env,
): Destination {
  return {
    name: options.name,
    kind: 'chat',
    async deliver(events: readonly DeliveryEvent[], signal: AbortSignal): Promise<void> {
      const secret = await resolveSecret(options.url, env);
      let url: URL;
      try {
        url = new URL(secret);
      } catch {
        throw new DeliveryError('the chat webhook URL from its secret is not a URL', false);
      }
      const where = `the chat webhook at ${url.host}`;
      const ca = await readCa(options.caFile);
      for (const event of events) {
        for (let attempt = 0; ; attempt += 1) {
          const answer = await request({
            method: 'POST',
            url,
            body: JSON.stringify(chatMessage(event)),
            headers: { 'content-type': 'application/json' },
            ca,
            signal,
            secrets: [secret],
          }).catch((err: DeliveryError) => {
            throw new DeliveryError(
              redact(err.message.replace(/^POST \S+/, `POST to ${where}`), [secret, url.pathname]),
              true,
            );
          });
          if (answer.status >= 200 && answer.status < 300) break;
          const waitMs = Number(answer.headers['retry-after']) * 1000;
          if (answer.status === 429 && attempt === 0 && waitMs >= 0 && waitMs <= MAX_WAIT_MS) {
            await new Promise((r) => setTimeout(r, waitMs));
            continue;
          }
          const excerpt = answer.text.replace(/\s+/g, ' ').trim().slice(0, 200);
          throw new DeliveryError(
            redact(`POST to ${where} answered ${answer.status}${excerpt === '' ? '' : `: ${excerpt}`}`, [
              secret,
            ]),
            isRetryableStatus(answer.status),
          );
        }
      }
    },
    close: async () => {},
  };
}
