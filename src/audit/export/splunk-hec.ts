// Splunk HTTP Event Collector: each batch is POSTed to /services/collector/event as concatenated JSON events
// ({time, host, source, sourcetype, index, event}) with `Authorization: Splunk TOKEN`. With indexer
// acknowledgement on (`ack: true`, the token's "Enable indexer acknowledgement"), the batch counts as delivered
// only once /services/collector/ack says it was indexed, on this destination's channel.
//
// HEC's answers: 200 {"text":"Success","code":0[,"ackId":N]}; 400 (no data, invalid data format, incorrect index)
// and 401/403 (token missing, invalid or disabled) will not improve by retrying; 503 (server busy, queue full) and
// 5xx will, as will an acknowledgement not given in time.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { DeliveryError, type DeliveryEvent, type Destination } from './destination.js';
import { type DestinationKind, destinationOptions } from './destination-kind.js';
import { answerError, jsonOf, readCa, request } from './http.js';
import { resolveSecret, SecretRef } from './secret.js';

const config = destinationOptions('splunk-hec', {
  /** The collector's base URL, e.g. https://splunk.example.internal:8088. */
  url: z.url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' }),
  token: SecretRef,
  index: z.string().trim().min(1).optional(),
  sourcetype: z.string().trim().min(1).default('coastguard:audit'),
  source: z.string().trim().min(1).default('coastguard'),
  caFile: z.string().trim().min(1).optional(),
  /** Wait for indexer acknowledgement before a batch counts as delivered. */
  ack: z.boolean().default(false),
  ackTimeoutSeconds: z.number().int().min(1).max(600).default(60),
});
export type SplunkHecConfig = z.infer<typeof config>;

export const splunkHec: DestinationKind<typeof config> = {
  kind: 'splunk-hec',
  config,
  create: (options, context) => createSplunkHecDestination(options, context),
};

const ACK_POLL_MS = 500;

export function createSplunkHecDestination(
  options: SplunkHecConfig,
  context: { env: NodeJS.ProcessEnv; hostname: string },
): Destination {
  const base = new URL(options.url);
  const eventUrl = new URL('/services/collector/event', base);
  const ackUrl = new URL('/services/collector/ack', base);
  // One channel per destination for as long as it runs: acknowledgements are per channel.
  const channel = randomUUID();
  return {
    name: options.name,
    kind: 'splunk-hec',
    async deliver(events: readonly DeliveryEvent[], signal: AbortSignal): Promise<void> {
      const token = await resolveSecret(options.token, context.env);
      const ca = await readCa(options.caFile);
      const headers = {
        authorization: `Splunk ${token}`,
        'content-type': 'application/json',
        'x-splunk-request-channel': channel,
      };
      const body = events
        .map((e) =>
          JSON.stringify({
            time: Date.parse(e.time) / 1000,
            host: context.hostname,
            source: options.source,
            sourcetype: options.sourcetype,
            ...(options.index === undefined ? {} : { index: options.index }),
            event: e.body,
          }),
        )
        .join('\n');
      const call = { method: 'POST' as const, url: eventUrl, body, headers, ca, signal, secrets: [token] };
      const answer = await request(call);
      if (answer.status !== 200) throw answerError(call, answer);
      const reply = jsonOf(call, answer);
      if (reply.code !== 0) {
        throw new DeliveryError(
          `Splunk HEC at ${base.origin} answered 200 without success: ${answer.text.slice(0, 200)}`,
          true,
        );
      }
      if (!options.ack) return;
      const ackId = reply.ackId;
      if (typeof ackId !== 'number') {
        throw new DeliveryError(
          `Splunk HEC at ${base.origin} gave no ackId: indexer acknowledgement is off for this token (set ack: false, or enable it)`,
          false,
        );
      }
      const deadline = Date.now() + options.ackTimeoutSeconds * 1000;
      while (!signal.aborted) {
        const poll = { ...call, url: ackUrl, body: JSON.stringify({ acks: [ackId] }) };
        const acked = await request(poll);
        if (acked.status !== 200) throw answerError(poll, acked);
        const acks = jsonOf(poll, acked).acks as Record<string, unknown> | undefined;
        if (acks?.[String(ackId)] === true) return;
        if (Date.now() >= deadline) break;
        await new Promise((r) => setTimeout(r, ACK_POLL_MS));
      }
      throw new DeliveryError(
        `Splunk HEC at ${base.origin} did not acknowledge batch ${ackId} within ${options.ackTimeoutSeconds} s`,
        true,
      );
    },
    close: async () => {},
  };
}
