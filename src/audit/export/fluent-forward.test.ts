import type { AddressInfo } from 'node:net';
import { createServer, type Server, type Socket } from 'node:net';
import { decodeMulti, encode } from '@msgpack/msgpack';
import { afterEach, describe, expect, it } from 'vitest';
import { commonOptions } from '../../../test/support/destination-options.js';
import { DeliveryError, type DeliveryEvent } from './destination.js';
import { createFluentForwardDestination } from './fluent-forward.js';

const events: DeliveryEvent[] = [1, 2, 3].map((seq) => ({
  id: `trail:${seq}`,
  seq,
  time: '2026-11-22T10:00:00.000Z',
  action: 'runtime.alert',
  body: { action: 'runtime.alert', seq },
}));

type Answer = (
  message: [string, [number, Record<string, unknown>][], { chunk: string; size: number }],
  socket: Socket,
) => void;

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((done) => s.close(done));
});

/** A forward-protocol receiver written from the spec: decodes Forward-mode messages and answers as told. */
async function receiver(answer: Answer): Promise<{ port: number; received: unknown[] }> {
  const received: unknown[] = [];
  const server = createServer((socket) => {
    let buffered = Buffer.alloc(0);
    socket.on('data', (data: Buffer) => {
      buffered = Buffer.concat([buffered, data]);
      try {
        for (const message of decodeMulti(buffered)) {
          received.push(message);
          answer(message as Parameters<Answer>[0], socket);
        }
        buffered = Buffer.alloc(0);
      } catch {
        // Incomplete: wait for more bytes.
      }
    });
    socket.on('error', () => {});
  });
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { port: (server.address() as AddressInfo).port, received };
}

function destination(port: number) {
  return createFluentForwardDestination({
    ...commonOptions('fluent'),
    kind: 'fluent-forward',
    host: '127.0.0.1',
    port,
    transport: 'tcp',
    tag: 'coastguard.audit',
  });
}

async function failure(promise: Promise<void>): Promise<DeliveryError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof DeliveryError)) throw new Error(`expected a DeliveryError, got ${String(err)}`);
  return err;
}

describe('Fluentd forward protocol', () => {
  it('sends one Forward-mode message with the tag, times, records and event ids, and waits for its ack', async () => {
    const { port, received } = await receiver(([, , options], socket) =>
      socket.write(encode({ ack: options.chunk })),
    );
    await destination(port).deliver(events, AbortSignal.timeout(5_000));
    expect(received).toHaveLength(1);
    const [tag, entries, options] = received[0] as Parameters<Answer>[0];
    expect(tag).toBe('coastguard.audit');
    expect(entries).toEqual(events.map((e) => [Date.parse(e.time) / 1000, { ...e.body, event_id: e.id }]));
    expect(options).toEqual({ chunk: expect.stringMatching(/^[A-Za-z0-9+/]{22}==$/), size: 3 });
  });

  it('retries when the ack is wrong, never comes, the receiver closes, or nothing listens', async () => {
    const wrong = await receiver((_, socket) => socket.write(encode({ ack: 'someone-else' })));
    expect(await failure(destination(wrong.port).deliver(events, AbortSignal.timeout(5_000)))).toMatchObject({
      retryable: true,
      message: expect.stringMatching(/acked someone-else/),
    });
    const silent = await receiver(() => {});
    expect(await failure(destination(silent.port).deliver(events, AbortSignal.timeout(300)))).toMatchObject({
      retryable: true,
      message: expect.stringMatching(/no ack in time/),
    });
    const closing = await receiver((_, socket) => socket.end());
    expect(
      await failure(destination(closing.port).deliver(events, AbortSignal.timeout(5_000))),
    ).toMatchObject({
      retryable: true,
      message: expect.stringMatching(/closed the connection before acking/),
    });
    const gone = await receiver(() => {});
    const server = servers.pop();
    await new Promise((done) => server?.close(done));
    expect(await failure(destination(gone.port).deliver(events, AbortSignal.timeout(5_000)))).toMatchObject({
      retryable: true,
      message: expect.stringMatching(/ECONNREFUSED/),
    });
  });

  it('gives up on an answer too large to be an ack', async () => {
    const flood = await receiver((_, socket) => socket.write(Buffer.alloc(70 * 1024, 0xc1)));
    expect(await failure(destination(flood.port).deliver(events, AbortSignal.timeout(5_000)))).toMatchObject({
      retryable: true,
      message: expect.stringMatching(/not an ack/),
    });
  });
});
