// `coastguard audit forward` and `audit status` through the built CLI: destinations from coastguard.yaml, a
// webhook that is down and then up (spooled, retried, delivered once up, status says so), a kill -9 in the middle
// of a delivery (every event still delivered at least once after a restart), secrets never printed.
import { type ChildProcess, spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { appendAuditBatch } from '../../src/audit/index.js';
import { openStore } from '../../src/store/index.js';
import { CLI, makeHome, requireBuiltCli, runCli } from '../support/cli.js';

const SECRET = 'whsec-e2e-7f3a9c1d5b';

interface Received {
  ids: string[];
  signaturesValid: boolean;
}

/** A webhook receiver on loopback that checks each request's HMAC and records the event ids. */
function receiver(options: { delayMs?: number; onRequest?: () => void } = {}) {
  const received: Received = { ids: [], signaturesValid: true };
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      options.onRequest?.();
      const body = Buffer.concat(chunks).toString('utf8');
      const timestamp = String(req.headers['x-coastguard-timestamp']);
      const expected = `sha256=${createHmac('sha256', SECRET).update(`${timestamp}.${body}`).digest('hex')}`;
      if (req.headers['x-coastguard-signature'] !== expected) received.signaturesValid = false;
      const { events } = JSON.parse(body) as { events: { id: string }[] };
      setTimeout(() => {
        received.ids.push(...events.map((e) => e.id));
        res.writeHead(200).end('{"ok":true}');
      }, options.delayMs ?? 0);
    });
  });
  return { server, received };
}

function listen(server: Server, port = 0): Promise<number> {
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => done((server.address() as AddressInfo).port));
  });
}

const close = (server: Server) => new Promise<void>((done) => server.close(() => done()));

/** A loopback port nothing listens on (taken and released). */
async function freePort(): Promise<number> {
  const probe = createServer();
  const port = await listen(probe);
  await close(probe);
  return port;
}

async function seedTrail(home: string, count: number): Promise<void> {
  const store = await openStore({ home });
  try {
    const drafts = Array.from({ length: count }, (_, i) => ({
      actor: 'test',
      action: 'finding.opened',
      subject: `container:web-${i}`,
      data: { severity: 'high', n: i },
    }));
    await appendAuditBatch(store, drafts, { home });
  } finally {
    await store.close();
  }
}

async function writeConfig(home: string, port: number, extra = ''): Promise<string> {
  const file = join(home, 'coastguard.yaml');
  await writeFile(
    file,
    [
      'exporters:',
      '  pollSeconds: 0.2',
      '  destinations:',
      `    - { name: archive, kind: jsonl, path: ${join(home, 'audit.jsonl')} }`,
      '    - name: soc',
      '      kind: webhook',
      `      url: http://127.0.0.1:${port}/hook`,
      '      secret: { env: CG_E2E_WEBHOOK_SECRET }',
      '      batchSize: 5',
      '      timeoutSeconds: 2',
      '      retry: { initialMs: 10, maxMs: 20, attempts: 2 }',
      extra,
    ].join('\n'),
  );
  return file;
}

const env = (home: string) => ({ COASTGUARD_HOME: home, CG_E2E_WEBHOOK_SECRET: SECRET });

const servers: Server[] = [];
const children: ChildProcess[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const server of servers.splice(0)) await close(server);
});

describe('coastguard audit forward / status', () => {
  beforeAll(requireBuiltCli);

  it('spools while the webhook is down, delivers every event once it is up, and status says how each stands', async () => {
    const home = await makeHome();
    await seedTrail(home, 12);
    const port = await freePort();
    await writeConfig(home, port);

    const down = await runCli(['audit', 'forward', '--once'], env(home));
    expect(down.code, down.stderr).toBe(1);
    expect(down.stderr).toMatch(/soc: delivered 0/);
    expect(down.stderr).toMatch(/archive: delivered 12, failed 0, quarantined 0; caught up/);
    const archived = (await readFile(join(home, 'audit.jsonl'), 'utf8')).trim().split('\n');
    expect(archived).toHaveLength(12);

    const pending = await runCli(['audit', 'status', '--format', 'json'], env(home));
    expect(pending.code, pending.stderr).toBe(0);
    const before = JSON.parse(pending.stdout) as {
      name: string;
      lag: number;
      spooled: number;
      lastError?: string;
    }[];
    const soc = before.find((d) => d.name === 'soc');
    expect(soc?.lastError).toMatch(/127\.0\.0\.1/);
    expect((soc?.spooled ?? 0) + (soc?.lag ?? 0)).toBeGreaterThan(0);
    expect(before.find((d) => d.name === 'archive')).toMatchObject({ lag: 0, spooled: 0 });

    const { server, received } = receiver();
    servers.push(server);
    await listen(server, port);
    const up = await runCli(['audit', 'forward', '--once'], env(home));
    expect(up.code, up.stderr).toBe(0);
    expect(received.signaturesValid).toBe(true);
    const seqs = received.ids.map((id) => Number(id.split(':').at(-1)));
    expect(new Set(seqs)).toEqual(new Set(Array.from({ length: 12 }, (_, i) => i + 1)));
    // The archive's ids and the webhook's are the same events.
    const archiveIds = archived.map((line) => (JSON.parse(line) as { id: string }).id);
    expect(new Set(received.ids)).toEqual(new Set(archiveIds));

    const table = await runCli(['audit', 'status'], env(home));
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^soc\s+webhook\s+yes\s+12\s+0\s+0\s+0\s+0\s+0\s/m);
    for (const output of [down.stdout, down.stderr, pending.stdout, up.stderr, table.stdout]) {
      expect(output).not.toContain(SECRET);
    }
  });

  it('delivers every event at least once after a kill -9 in the middle of a delivery', async () => {
    const home = await makeHome();
    await seedTrail(home, 30);
    let requests = 0;
    let firstRequest: () => void = () => {};
    const gotOne = new Promise<void>((done) => {
      firstRequest = done;
    });
    const slow = receiver({
      delayMs: 300,
      onRequest: () => {
        requests += 1;
        firstRequest();
      },
    });
    servers.push(slow.server);
    const port = await listen(slow.server);
    await writeConfig(home, port);

    const forwarding = spawn(process.execPath, [CLI, 'audit', 'forward'], {
      env: { ...process.env, ...env(home) },
      stdio: 'ignore',
    });
    children.push(forwarding);
    await gotOne;
    forwarding.kill('SIGKILL');
    await new Promise((done) => forwarding.once('exit', done));
    expect(requests).toBeGreaterThan(0);
    expect(slow.received.ids.length).toBeLessThan(30);

    const restart = await runCli(['audit', 'forward', '--once'], env(home));
    expect(restart.code, restart.stderr).toBe(0);
    const seqs = new Set(slow.received.ids.map((id) => Number(id.split(':').at(-1))));
    expect(seqs).toEqual(new Set(Array.from({ length: 30 }, (_, i) => i + 1)));
  });

  it('names the file and says what to add when no destination is configured', async () => {
    const home = await makeHome();
    const none = await runCli(['audit', 'status'], { COASTGUARD_HOME: home });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/No audit destinations are configured .*add an exporters: section/);

    const file = await writeConfig(home, 9, '    - { name: bad, kind: carrier-pigeon }');
    const bad = await runCli(['audit', 'forward', '--once', '--config', file], env(home));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(file);
    expect(bad.stderr).toMatch(/exporters\.destinations\.2/);
  });
});
