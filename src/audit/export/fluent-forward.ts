// Fluentd / Fluent Bit forward protocol (Forward Protocol Specification v1): each batch is one msgpack message in
// Forward mode, [tag, [[time, record], ...], {chunk, size}], over TCP or TLS, and counts as delivered only once
// the receiver answers {ack: chunk} — the protocol's at-least-once mode (`require_ack_response` on Fluentd's
// side is implied: we always ask). No answer in time, a wrong ack, or a closed connection is retried.
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { Decoder, encode } from '@msgpack/msgpack';
import { z } from 'zod';
import { DeliveryError, type DeliveryEvent, type Destination } from './destination.js';
import { type DestinationKind, destinationOptions } from './destination-kind.js';
import { connectTls } from './tls-connect.js';

const config = destinationOptions('fluent-forward', {
  host: z.string().trim().min(1),
  port: z.number().int().min(1).max(65_535).default(24_224),
  transport: z.enum(['tcp', 'tls']).default('tcp'),
  caFile: z.string().trim().min(1).optional(),
  certFile: z.string().trim().min(1).optional(),
  keyFile: z.string().trim().min(1).optional(),
  serverName: z.string().trim().min(1).optional(),
  /** The Fluentd tag of every event (what `<match>` sections route on). */
  tag: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,128}$/, 'expected a Fluentd tag such as coastguard.audit')
    .default('coastguard.audit'),
});
export type FluentForwardConfig = z.infer<typeof config>;

export const fluentForward: DestinationKind<typeof config> = {
  kind: 'fluent-forward',
  config,
  create: (options) => createFluentForwardDestination(options),
};

/** An answer larger than this is not an ack. */
const MAX_ANSWER_BYTES = 64 * 1024;

/** The Forward-mode message of a batch, and the chunk id its ack must carry. */
export function forwardMessage(
  tag: string,
  events: readonly DeliveryEvent[],
): { message: Uint8Array; chunk: string } {
  const chunk = randomBytes(16).toString('base64');
  const entries = events.map((e) => [Math.floor(Date.parse(e.time) / 1000), { ...e.body, event_id: e.id }]);
  return { message: encode([tag, entries, { chunk, size: entries.length }]), chunk };
}

export function createFluentForwardDestination(options: FluentForwardConfig): Destination {
  const where = `fluent-forward ${options.transport}://${options.host}:${options.port}`;
  return {
    name: options.name,
    kind: 'fluent-forward',
    async deliver(events: readonly DeliveryEvent[], signal: AbortSignal): Promise<void> {
      const { message, chunk } = forwardMessage(options.tag, events);
      const socket =
        options.transport === 'tls' ? await connectTls(options) : net.connect(options.port, options.host);
      await new Promise<void>((resolve, reject) => {
        let settled = false;
        const received: Buffer[] = [];
        let size = 0;
        const finish = (err?: DeliveryError) => {
          if (settled) return;
          settled = true;
          signal.removeEventListener('abort', onAbort);
          socket.destroy();
          if (err) reject(err);
          else resolve();
        };
        const onAbort = () => finish(new DeliveryError(`${where}: no ack in time`, true));
        if (signal.aborted) return onAbort();
        signal.addEventListener('abort', onAbort);
        socket.on('error', (err: NodeJS.ErrnoException) => {
          const isTlsTrust = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS_CERT/i.test(err.code ?? '');
          finish(new DeliveryError(`${where}: ${err.code ?? ''} ${err.message}`.trim(), !isTlsTrust));
        });
        socket.on('close', () =>
          finish(new DeliveryError(`${where}: closed the connection before acking`, true)),
        );
        socket.on('data', (data: Buffer) => {
          received.push(data);
          size += data.length;
          if (size > MAX_ANSWER_BYTES) {
            finish(
              new DeliveryError(`${where}: answered more than ${MAX_ANSWER_BYTES} bytes, not an ack`, true),
            );
            return;
          }
          let answer: unknown;
          try {
            answer = new Decoder().decode(Buffer.concat(received));
          } catch {
            return; // Not a whole msgpack value yet: wait for more.
          }
          const ack = (answer as { ack?: unknown } | null)?.ack;
          finish(
            ack === chunk
              ? undefined
              : new DeliveryError(`${where}: acked ${String(ack)}, not ${chunk}`, true),
          );
        });
        const start = () => socket.write(message);
        if (options.transport === 'tls') socket.once('secureConnect', start);
        else socket.once('connect', start);
      });
    },
    close: async () => {},
  };
}
