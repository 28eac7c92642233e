import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditDraft, JsonObject } from '../../core/audit/audit-entry.js';
import type { Store } from '../../store/index.js';
import { openStore } from '../../store/index.js';
import { ExportersConfig } from './config.js';
import { exportStatus, forwardAudit } from './run.js';
import { destinationDir, readCursor } from './state.js';
import { loadOrCreateTrailId } from './trail-id.js';

const SECRET = 'wh-secret-value-1234';

interface Receiver {
  readonly port: number;
  readonly events: Record<string, unknown>[];
  readonly bad: string[];
  answer: (res: ServerResponse) => void;
  close(): Promise<void>;
}

/** A webhook receiver that checks every request's signature as a real consumer would. */
async function startReceiver(port = 0): Promise<Receiver> {
  const receiver = {
    events: [] as Record<string, unknown>[],
    bad: [] as string[],
    answer: (res: ServerResponse) => res.writeHead(204).end(),
  };
  const server: Server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const timestamp = String(req.headers['x-coastguard-timestamp']);
      const expected = `sha256=${createHmac('sha256', SECRET).update(`${timestamp}.${body}`).digest('hex')}`;
      const given = Buffer.from(String(req.headers['x-coastguard-signature']));
      if (given.length !== expected.length || !timingSafeEqual(given, Buffer.from(expected))) {
        receiver.bad.push(body);
        res.writeHead(401).end();
        return;
      }
      if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) receiver.bad.push('stale');
      receiver.answer(res);
      if (res.statusCode < 300)
        receiver.events.push(...(JSON.parse(body) as { events: Record<string, unknown>[] }).events);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return Object.assign(receiver, {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

async function freePort(): Promise<number> {
  const r = await startReceiver();
  await r.close();
  return r.port;
}

function drafts(n: number, start = 1): AuditDraft[] {
  return Array.from({ length: n }, (_, i) => ({
    actor: 'tester',
    action: i % 3 === 0 ? 'finding.opened' : 'assessment.recorded',
    subject: `finding:${start + i}`,
    data: (i % 3 === 0
      ? { severity: i % 2 === 0 ? 'high' : 'low', n: start + i }
      : { n: start + i }) as JsonObject,
  }));
}

let home: string;
let store: Store;
const logs: string[] = [];

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'cg-export-'));
  store = await openStore({ home });
  logs.length = 0;
});
afterEach(async () => {
  await store.close();
  await rm(home, { recursive: true, force: true });
});

function webhookConfig(port: number, extra: Record<string, unknown> = {}) {
  return ExportersConfig.parse({
    destinations: [
      {
        name: 'hook',
        kind: 'webhook',
        url: `http://127.0.0.1:${port}/ingest?token=${SECRET}`,
        secret: { env: 'CG_TEST_WEBHOOK_SECRET' },
        batchSize: 4,
        timeoutSeconds: 1,
        retry: { initialMs: 1, maxMs: 5, attempts: 3 },
        ...extra,
      },
    ],
  });
}

function forward(config: ExportersConfig) {
  return forwardAudit({
    home,
    store,
    config,
    once: true,
    signal: new AbortController().signal,
    log: (line) => logs.push(line),
    env: { CG_TEST_WEBHOOK_SECRET: SECRET },
    hostname: 'test-host',
  });
}

describe('forwarding to a webhook', () => {
  it('delivers every entry once, in order, signed, with stable ids, and moves the cursor to the head', async () => {
    await store.audit.append(drafts(10));
    const receiver = await startReceiver();
    try {
      const result = await forward(webhookConfig(receiver.port));
      const trailId = await loadOrCreateTrailId(home);
      expect(result.get('hook')).toMatchObject({ delivered: 10, caughtUp: true });
      expect(receiver.bad).toEqual([]);
      expect(receiver.events.map((e) => e.id)).toEqual(
        Array.from({ length: 10 }, (_, i) => `${trailId}:${i + 1}`),
      );
      expect(receiver.events[0]).toMatchObject({
        schema: 'coastguard.audit/v1',
        seq: 1,
        severity: 'high',
        trail: trailId,
      });
      expect(await readCursor(destinationDir(home, 'hook'))).toBe(10);
      // A second pass has nothing new to send.
      expect((await forward(webhookConfig(receiver.port))).get('hook')?.delivered).toBe(0);
      expect(receiver.events).toHaveLength(10);
    } finally {
      await receiver.close();
    }
  });

  it('keeps refused batches spooled with backoff and delivers them, without loss, once the receiver is back', async () => {
    await store.audit.append(drafts(6));
    const port = await freePort();
    const config = webhookConfig(port);
    const down = await forward(config);
    expect(down.get('hook')).toMatchObject({ delivered: 0, caughtUp: false });
    expect(down.get('hook')?.blocked).toMatch(/ECONNREFUSED/);
    expect(logs.some((l) => /retry 1 in \d+ ms/.test(l))).toBe(true);
    let [status] = await exportStatus(home, store, config);
    expect(status).toMatchObject({ spooled: 1, retriesPending: 3, cursor: 4, lag: 2 });
    expect(status?.lastError).toContain(`http://127.0.0.1:${port}/ingest`);
    expect(JSON.stringify(status)).not.toContain(SECRET);
    expect(logs.join('\n')).not.toContain(SECRET);

    await store.audit.append(drafts(3, 7));
    const receiver = await startReceiver(port);
    try {
      const up = await forward(config);
      expect(up.get('hook')).toMatchObject({ delivered: 9, caughtUp: true });
      expect(receiver.events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
      [status] = await exportStatus(home, store, config);
      expect(status).toMatchObject({ spooled: 0, retriesPending: 0, lag: 0, cursor: 9, lastDeliveredSeq: 9 });
    } finally {
      await receiver.close();
    }
  });

  it('retries a 500, parks a 400 in failed/ and reports it, and goes on with the next batch', async () => {
    await store.audit.append(drafts(8));
    const receiver = await startReceiver();
    let requests = 0;
    receiver.answer = (res) => {
      requests += 1;
      // First request 500 (retried), second 400 (the first batch is refused for good), then accepted.
      res
        .writeHead(requests === 1 ? 500 : requests === 2 ? 400 : 200)
        .end(requests === 2 ? 'bad field' : 'ok?');
    };
    try {
      const result = await forward(webhookConfig(receiver.port));
      expect(result.get('hook')).toMatchObject({ delivered: 4, parked: 1, caughtUp: true });
      expect(receiver.events.map((e) => e.seq)).toEqual([5, 6, 7, 8]);
      const [status] = await exportStatus(home, store, webhookConfig(receiver.port));
      expect(status).toMatchObject({ failed: 1, spooled: 0 });
      expect(status?.lastFailed).toMatch(/seq 1–4 .*answered 400: bad field.*failed/);
      const parked = await readdir(join(destinationDir(home, 'hook'), 'failed'));
      expect(parked).toHaveLength(1);
    } finally {
      await receiver.close();
    }
  });

  it('treats a receiver that never answers as a timeout to retry, and accepts a 200 with a nonsense body', async () => {
    await store.audit.append(drafts(2));
    const receiver = await startReceiver();
    receiver.answer = () => {};
    try {
      const result = await forward(
        webhookConfig(receiver.port, { retry: { initialMs: 1, maxMs: 1, attempts: 1 } }),
      );
      expect(result.get('hook')?.blocked).toMatch(/timed out/);
      receiver.answer = (res) => res.writeHead(200).end('\u0000not json at all');
      const again = await forward(webhookConfig(receiver.port));
      expect(again.get('hook')).toMatchObject({ delivered: 2, caughtUp: true });
    } finally {
      await receiver.close();
    }
  });

  it('quarantines a corrupted spool file with a message and re-reads its entries from the trail', async () => {
    await store.audit.append(drafts(8));
    const port = await freePort();
    const config = webhookConfig(port, { retry: { initialMs: 1, maxMs: 1, attempts: 1 } });
    await forward(config);
    const spoolDir = join(destinationDir(home, 'hook'), 'spool');
    const [name] = await readdir(spoolDir);
    if (name === undefined) throw new Error('expected a spooled batch');
    const file = join(spoolDir, name);
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('"n":1', '"n":7'));

    const receiver = await startReceiver(port);
    try {
      const result = await forward(config);
      expect(result.get('hook')).toMatchObject({ quarantined: 1, caughtUp: true });
      expect(logs.some((l) => l.includes('wrong checksum') && l.includes('will be read again'))).toBe(true);
      expect(new Set(receiver.events.map((e) => e.seq))).toEqual(new Set([1, 2, 3, 4, 5, 6, 7, 8]));
      expect(receiver.events.find((e) => e.seq === 1)?.data).toEqual({ severity: 'high', n: 1 });
      const [status] = await exportStatus(home, store, config);
      expect(status).toMatchObject({ quarantined: 1 });
      expect(status?.lastQuarantine).toContain('wrong checksum');
    } finally {
      await receiver.close();
    }
  });

  it('quarantines a spool file that is not JSON at all, and a stray file not named like a batch', async () => {
    await store.audit.append(drafts(4));
    const port = await freePort();
    const config = webhookConfig(port, { retry: { initialMs: 1, maxMs: 1, attempts: 1 } });
    await forward(config);
    const spoolDir = join(destinationDir(home, 'hook'), 'spool');
    const [name] = await readdir(spoolDir);
    await writeFile(join(spoolDir, name ?? ''), '{"truncated": ');
    await writeFile(join(spoolDir, 'stray.txt'), 'hello');
    const receiver = await startReceiver(port);
    try {
      const result = await forward(config);
      expect(result.get('hook')).toMatchObject({ quarantined: 2, caughtUp: true, delivered: 4 });
      expect(logs.some((l) => l.includes('not JSON'))).toBe(true);
      expect(logs.some((l) => l.includes('stray.txt') && l.includes('not a spool range'))).toBe(true);
    } finally {
      await receiver.close();
    }
  });

  it('parks batches when the secret is missing, naming the variable and never a value', async () => {
    await store.audit.append(drafts(1));
    const receiver = await startReceiver();
    try {
      const result = await forwardAudit({
        home,
        store,
        config: webhookConfig(receiver.port),
        once: true,
        signal: new AbortController().signal,
        log: (line) => logs.push(line),
        env: {},
      });
      expect(result.get('hook')?.parked).toBe(1);
      expect(logs.join('\n')).toContain('environment variable CG_TEST_WEBHOOK_SECRET');
    } finally {
      await receiver.close();
    }
  });
});

describe('filters and the JSON lines destination', () => {
  it('sends only matching actions at or above the minimum severity, and rotates the file by size', async () => {
    await store.audit.append(drafts(30));
    const dir = await mkdtemp(join(tmpdir(), 'cg-jsonl-'));
    const config = ExportersConfig.parse({
      destinations: [
        { name: 'all', kind: 'jsonl', path: join(dir, 'all.jsonl'), maxBytes: 4096, keep: 2, batchSize: 7 },
        {
          name: 'serious',
          kind: 'jsonl',
          path: join(dir, 'serious.jsonl'),
          filter: { actions: ['finding.*'], minSeverity: 'medium' },
        },
      ],
    });
    await forward(config);
    const serious = (await readFile(join(dir, 'serious.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(serious.map((e) => e.seq)).toEqual([1, 7, 13, 19, 25]);
    expect(serious.every((e) => e.action === 'finding.opened' && e.severity === 'high')).toBe(true);

    const files = (await readdir(dir)).filter((f) => f.startsWith('all.jsonl')).sort();
    expect(files).toEqual(['all.jsonl', 'all.jsonl.1', 'all.jsonl.2']);
    const kept = [];
    for (const f of ['all.jsonl.2', 'all.jsonl.1', 'all.jsonl']) {
      kept.push(
        ...(await readFile(join(dir, f), 'utf8'))
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l).seq),
      );
    }
    // The newest entries are kept, in order, with nothing missing between the oldest kept and the head.
    expect(kept.at(-1)).toBe(30);
    expect(kept).toEqual(Array.from({ length: kept.length }, (_, i) => 31 - kept.length + i));
  });
});

describe('configuration', () => {
  it('refuses unknown keys, duplicate names and unknown kinds, naming the path', () => {
    const bad = [
      [{ destinations: [{ name: 'a', kind: 'jsonl', path: '/x', colour: 'red' }] }, 'colour'],
      [{ destinations: [{ name: 'a', kind: 'carrier-pigeon' }] }, 'kind'],
      [
        {
          destinations: [
            { name: 'a', kind: 'jsonl', path: '/x' },
            { name: 'a', kind: 'jsonl', path: '/y' },
          ],
        },
        'duplicate',
      ],
      [{ destinations: [{ name: '../up', kind: 'jsonl', path: '/x' }] }, 'name'],
      [{ destinations: [{ name: 'a', kind: 'webhook', url: 'ftp://x', secret: { env: 'S' } }] }, 'url'],
      [{ destinations: [{ name: 'a', kind: 'webhook', url: 'https://x', secret: 'plaintext' }] }, 'secret'],
    ] as const;
    for (const [value, mention] of bad) {
      const parsed = ExportersConfig.safeParse(value);
      expect(parsed.success).toBe(false);
      expect(JSON.stringify(parsed.error?.issues)).toContain(mention);
    }
  });
});
