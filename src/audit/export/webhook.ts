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
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import { z } from 'zod';
import { DeliveryError, type DeliveryEvent, type Destination } from './destination.js';
import { type DestinationKind, destinationOptions } from './destination-kind.js';
import { redact, resolveSecret, SecretRef } from './secret.js';

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
/** Enough to see an error message; the rest is drained unread. */
const MAX_RESPONSE_BYTES = 4_096;

export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export function createWebhookDestination(
  options: Pick<WebhookConfig, 'name' | 'url' | 'secret' | 'caFile'>,
  env: NodeJS.ProcessEnv = process.env,
): Destination {
  const url = new URL(options.url);
  // The URL may carry a token in its query or user info: messages name only its origin and path.
  const where = `${url.origin}${url.pathname}`;
  return {
    name: options.name,
    kind: 'webhook',
    async deliver(events: readonly DeliveryEvent[], signal: AbortSignal): Promise<void> {
      const secret = await resolveSecret(options.secret, env);
      const ca = options.caFile === undefined ? undefined : await readCa(options.caFile);
      const body = JSON.stringify({ events: events.map((e) => e.body) });
      const timestamp = String(Math.floor(Date.now() / 1000));
      const headers = {
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(body)),
        'user-agent': 'coastguard-audit-export',
        [TIMESTAMP_HEADER]: timestamp,
        [SIGNATURE_HEADER]: signWebhook(secret, timestamp, body),
      };
      const { status, text } = await post(url, body, headers, ca, signal).catch((err: unknown) => {
        if (err instanceof DeliveryError) throw err;
        const reason = signal.aborted ? 'timed out' : describe(err);
        throw new DeliveryError(redact(`POST ${where} failed: ${reason}`, [secret]), true);
      });
      if (status >= 200 && status < 300) return;
      const retryable = status === 408 || status === 425 || status === 429 || status >= 500;
      const excerpt = text.replace(/\s+/g, ' ').trim().slice(0, 200);
      throw new DeliveryError(
        redact(`POST ${where} answered ${status}${excerpt === '' ? '' : `: ${excerpt}`}`, [secret]),
        retryable,
      );
    },
    close: async () => {},
  };
}

async function readCa(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (err) {
    throw new DeliveryError(
      `cannot read the CA file ${file} (${(err as NodeJS.ErrnoException).code})`,
      false,
    );
  }
}

function post(
  url: URL,
  body: string,
  headers: Record<string, string>,
  ca: Buffer | undefined,
  signal: AbortSignal,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const transport = url.protocol === 'https:' ? https : http;
    const request = transport.request(
      url,
      { method: 'POST', headers, signal, ...(ca === undefined ? {} : { ca }) },
      (response) => {
        const chunks: Buffer[] = [];
        let length = 0;
        response.on('data', (chunk: Buffer) => {
          if (length < MAX_RESPONSE_BYTES) chunks.push(chunk);
          length += chunk.length;
        });
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            text: Buffer.concat(chunks).subarray(0, MAX_RESPONSE_BYTES).toString('utf8'),
          }),
        );
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

function describe(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  const message = err instanceof Error ? err.message : String(err);
  return code === undefined ? message : `${code} ${message}`;
}
