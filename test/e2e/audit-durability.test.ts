// Durability of the audit trail for real: writer processes killed with SIGKILL at random moments, and several
// writers appending at once. Children run the built modules (dist/), as the agent and the CLI would.
import { type ChildProcess, spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadOrCreateSigner, verifyStore } from '../../src/audit/index.js';
import { openStore } from '../../src/store/index.js';
import { makeHome, requireBuiltCli } from '../support/cli.js';

beforeAll(requireBuiltCli);

const DIST = resolve(import.meta.dirname, '../../dist');

/** A writer: opens the store, says ready, then appends `count` entries, printing `seq hash` after each commit. */
const WRITER = `
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
const [dist, home, count, every] = process.argv.slice(1);
const { openStore } = await import(pathToFileURL(join(dist, 'store/index.js')).href);
const { appendAudit } = await import(pathToFileURL(join(dist, 'audit/index.js')).href);
const store = await openStore({ home });
process.stdout.write('ready\\n');
for (let i = 0; i < Number(count); i += 1) {
  const entry = await appendAudit(
    store,
    { actor: 'writer-' + process.pid, action: 'test.append', subject: 'n:' + i, data: { i, pid: process.pid } },
    { home, checkpointEvery: Number(every) },
  );
  process.stdout.write(entry.seq + ' ' + entry.hash + '\\n');
}
await store.close();
`;

interface Writer {
  child: ChildProcess;
  /** `seq → hash` of every append the writer acknowledged (printed after its commit returned). */
  acknowledged: Map<number, string>;
  ready: Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

function startWriter(home: string, count: number, every: number): Writer {
  const child = spawn(
    process.execPath,
    ['--input-type=module', '-e', WRITER, DIST, home, String(count), String(every)],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const acknowledged = new Map<number, string>();
  let buffered = '';
  let stderr = '';
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((done) => {
    markReady = done;
  });
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      if (line === 'ready') {
        markReady();
        continue;
      }
      const [seq, hash] = line.split(' ');
      acknowledged.set(Number(seq), hash ?? '');
    }
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>(
    (done) => {
      child.on('exit', (code, signal) => {
        markReady();
        done({ code, signal, stderr });
      });
    },
  );
  return { child, acknowledged, ready, exited };
}

/** The trail verifies, and every acknowledged append is there with the hash the writer was told. */
async function expectIntact(home: string, acknowledged: Map<number, string>): Promise<number> {
  const store = await openStore({ home });
  try {
    const verdict = await verifyStore(store, { publicKey: loadOrCreateSigner(home) });
    expect(verdict).toMatchObject({ ok: true });
    const stored = new Map((await store.audit.list()).map((e) => [e.seq, e.hash]));
    for (const [seq, hash] of acknowledged) expect(stored.get(seq), `acknowledged entry ${seq}`).toBe(hash);
    return stored.size;
  } finally {
    await store.close();
  }
}

let home: string;

beforeEach(async () => {
  home = await makeHome();
});

afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

describe('audit trail durability', () => {
  it('survives SIGKILL at random moments: the chain verifies and no acknowledged append is lost', async () => {
    const acknowledged = new Map<number, string>();
    const deadline = Date.now() + 20_000;
    let rounds = 0;
    let killed = 0;
    while (rounds < 20 && Date.now() < deadline) {
      const writer = startWriter(home, 100_000, 7);
      await writer.ready;
      // Between 0 and 250 ms of appending: mid-transaction, mid-commit, mid-checkpoint, or between appends.
      await new Promise((done) => setTimeout(done, Math.floor(Math.random() * 250)));
      writer.child.kill('SIGKILL');
      const outcome = await writer.exited;
      expect(outcome.stderr).toBe('');
      if (outcome.signal === 'SIGKILL') killed += 1;
      for (const [seq, hash] of writer.acknowledged) {
        expect(acknowledged.has(seq), `seq ${seq} acknowledged twice`).toBe(false);
        acknowledged.set(seq, hash);
      }
      const total = await expectIntact(home, acknowledged);
      expect(total).toBeGreaterThanOrEqual(acknowledged.size);
      rounds += 1;
    }
    expect(rounds).toBeGreaterThanOrEqual(10);
    expect(killed).toBe(rounds);
    expect(acknowledged.size).toBeGreaterThan(rounds);
  }, 60_000);

  it('serializes three writers appending at once: contiguous seqs, one chain, each entry acknowledged once', async () => {
    const perWriter = 60;
    const writers = [0, 1, 2].map(() => startWriter(home, perWriter, 10));
    const outcomes = await Promise.all(writers.map((w) => w.exited));
    for (const outcome of outcomes) expect(outcome).toMatchObject({ code: 0, stderr: '' });

    const all = new Map<number, string>();
    for (const writer of writers) {
      expect(writer.acknowledged.size).toBe(perWriter);
      for (const [seq, hash] of writer.acknowledged) {
        expect(all.has(seq), `seq ${seq} given to two writers`).toBe(false);
        all.set(seq, hash);
      }
    }
    expect([...all.keys()].sort((a, b) => a - b)).toEqual(
      Array.from({ length: 3 * perWriter }, (_, i) => i + 1),
    );
    expect(await expectIntact(home, all)).toBe(3 * perWriter);

    const store = await openStore({ home });
    try {
      const entries = await store.audit.list();
      const byWriter = new Map(writers.map((w) => [`writer-${w.child.pid}`, w.acknowledged]));
      for (const entry of entries) expect(byWriter.get(entry.actor)?.has(entry.seq)).toBe(true);
      expect((await store.audit.listCheckpoints()).map((c) => c.seq)).toEqual(
        Array.from({ length: 18 }, (_, i) => (i + 1) * 10),
      );
    } finally {
      await store.close();
    }
  }, 60_000);
});
