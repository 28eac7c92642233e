import { afterEach, describe, expect, it } from 'vitest';
import { commonOptions } from '../../../test/support/destination-options.js';
import { type Recorder, type Reply, startRecorder } from '../../../test/support/http-recorder.js';
import { DeliveryError, type DeliveryEvent } from './destination.js';
import { createSplunkHecDestination, type SplunkHecConfig } from './splunk-hec.js';

const TOKEN = '11111111-2222-3333-4444-555555555555';
const env = { HEC_TOKEN: TOKEN };
const events: DeliveryEvent[] = [1, 2].map((seq) => ({
  id: `trail:${seq}`,
  seq,
  time: '2026-11-22T10:00:00.000Z',
  action: 'finding.opened',
  severity: 'high',
  body: { id: `trail:${seq}`, action: 'finding.opened' },
}));

let recorder: Recorder | undefined;
afterEach(async () => {
  await recorder?.close();
  recorder = undefined;
});

function destination(url: string, extra: Partial<SplunkHecConfig> = {}) {
  return createSplunkHecDestination(
    {
      ...commonOptions('splunk'),
      kind: 'splunk-hec',
      url,
      token: { env: 'HEC_TOKEN' },
      sourcetype: 'coastguard:audit',
      source: 'coastguard',
      ack: false,
      ackTimeoutSeconds: 1,
      ...extra,
    },
    { env, hostname: 'node-7' },
  );
}

async function failure(promise: Promise<void>): Promise<DeliveryError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof DeliveryError)) throw new Error(`expected a DeliveryError, got ${String(err)}`);
  return err;
}

describe('Splunk HTTP Event Collector', () => {
  it('posts the batch as concatenated events with the token, index, sourcetype, source and host', async () => {
    recorder = await startRecorder(() => ({ status: 200, body: { text: 'Success', code: 0 } }));
    await destination(recorder.url, { index: 'security' }).deliver(events, AbortSignal.timeout(5_000));
    const [request] = recorder.requests;
    expect(request?.url.pathname).toBe('/services/collector/event');
    expect(request?.headers.authorization).toBe(`Splunk ${TOKEN}`);
    expect(request?.headers['x-splunk-request-channel']).toMatch(/^[0-9a-f-]{36}$/);
    const sent = request?.body.split('\n').map((l) => JSON.parse(l));
    expect(sent).toEqual(
      events.map((e) => ({
        time: Date.parse(e.time) / 1000,
        host: 'node-7',
        source: 'coastguard',
        sourcetype: 'coastguard:audit',
        index: 'security',
        event: e.body,
      })),
    );
  });

  it.each<[string, Reply, boolean]>([
    ['an invalid token (403)', { status: 403, body: { text: 'Invalid token', code: 4 } }, false],
    ['invalid data (400)', { status: 400, body: { text: 'Invalid data format', code: 6 } }, false],
    ['a busy server (503)', { status: 503, body: { text: 'Server is busy', code: 9 } }, true],
    ['a 200 that is not HEC', { status: 200, body: '<html>proxy</html>' }, true],
    ['a 200 without success', { status: 200, body: { text: 'Incorrect index', code: 7 } }, true],
  ])('reports %s, retryable or not, without the token', async (_, reply, retryable) => {
    recorder = await startRecorder(() => reply);
    const err = await failure(destination(recorder.url).deliver(events, AbortSignal.timeout(5_000)));
    expect(err.retryable).toBe(retryable);
    expect(err.message).not.toContain(TOKEN);
  });

  it('with indexer acknowledgement, delivers only once the ack says indexed, on the same channel', async () => {
    let polls = 0;
    recorder = await startRecorder((req) => {
      if (req.url.pathname === '/services/collector/ack') {
        polls += 1;
        expect(JSON.parse(req.body)).toEqual({ acks: [7] });
        return { status: 200, body: { acks: { '7': polls >= 2 } } };
      }
      return { status: 200, body: { text: 'Success', code: 0, ackId: 7 } };
    });
    await destination(recorder.url, { ack: true, ackTimeoutSeconds: 5 }).deliver(
      events,
      AbortSignal.timeout(10_000),
    );
    expect(polls).toBe(2);
    const channels = new Set(recorder.requests.map((r) => r.headers['x-splunk-request-channel']));
    expect(channels.size).toBe(1);
  });

  it('retries a batch whose ack never comes, and refuses ack mode on a token without it', async () => {
    recorder = await startRecorder((req) =>
      req.url.pathname === '/services/collector/ack'
        ? { status: 200, body: { acks: { '3': false } } }
        : { status: 200, body: { text: 'Success', code: 0, ackId: 3 } },
    );
    const late = await failure(
      destination(recorder.url, { ack: true, ackTimeoutSeconds: 1 }).deliver(
        events,
        AbortSignal.timeout(10_000),
      ),
    );
    expect(late).toMatchObject({
      retryable: true,
      message: expect.stringMatching(/did not acknowledge batch 3 within 1 s/),
    });
    await recorder.close();
    recorder = await startRecorder(() => ({ status: 200, body: { text: 'Success', code: 0 } }));
    const off = await failure(
      destination(recorder.url, { ack: true }).deliver(events, AbortSignal.timeout(5_000)),
    );
    expect(off).toMatchObject({
      retryable: false,
      message: expect.stringMatching(/indexer acknowledgement is off/),
    });
  });

  it('retries when nothing listens', async () => {
    recorder = await startRecorder(() => ({ status: 200 }));
    const url = recorder.url;
    await recorder.close();
    recorder = undefined;
    const err = await failure(destination(url).deliver(events, AbortSignal.timeout(5_000)));
    expect(err.retryable).toBe(true);
    expect(err.message).toMatch(/ECONNREFUSED/);
  });
});
