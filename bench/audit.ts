// Benchmark: the audit trail. (a) Appends per second with the hash chain and durability on (one exclusive
// transaction and one synced commit per entry, through the store), against plain single-row inserts of the same
// columns into a plain table of the same database, with the same journal and sync settings, in the same run
// (ratio; target ≥ 0.5). Also shown, not targeted: the same plain inserts without a sync per commit
// (synchronous=NORMAL), i.e. what durability itself costs. (b) Verification speed in entries per second (target
// ≥ 200,000/s): the chain alone over entries in memory (the baseline), one walk from the database with
// checkpoints, and `coastguard audit verify` as a user runs it (the built CLI, process start included, ranges
// verified in parallel on worker threads). Not a test: medians of alternating rounds on a noisy box.
//
//   npm run build && npx tsx bench/audit.ts [--seconds 1] [--rounds 5] [--entries 200000]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import {
  appendAudit,
  appendAuditBatch,
  createChainVerifier,
  loadHomePublicKey,
  verifyStore,
} from '../src/audit/index.js';
import type { AuditDraft, StoredAuditEntry } from '../src/core/audit/audit-entry.js';
import { DATABASE_FILE, openStore } from '../src/store/index.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '1' },
    rounds: { type: 'string', default: '5' },
    entries: { type: 'string', default: '200000' },
  },
});
const SECONDS = Number(values.seconds);
const ROUNDS = Number(values.rounds);
const ENTRIES = Number(values.entries);

const home = mkdtempSync(join(tmpdir(), 'coastguard-bench-audit-'));

function draft(i: number): AuditDraft {
  return {
    actor: 'alice@build-7',
    action: i % 3 === 0 ? 'assessment.recorded' : 'finding.opened',
    subject: `finding:${i.toString(16).padStart(32, '0')}`,
    data: {
      assessmentId: '6f1c0e8a-3b7d-4c55-9a51-2f0e8d4c7b19',
      checkId: 'container-privileged',
      cisId: '5.5',
      severity: 'high',
      subject: { kind: 'container', id: `c${i}`, name: `web-${i % 50}` },
      title: 'Do not run privileged containers',
    },
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

const format = (n: number) => Math.round(n).toLocaleString('en-US');

const store = await openStore({ home });
const plain = new BetterSqlite3(join(home, DATABASE_FILE), { timeout: 5_000 });
plain.pragma('journal_mode = WAL');
plain.exec(
  'create table bench_plain (seq integer primary key, time text not null, actor text not null, action text not null, ' +
    'subject text not null, data text not null, prev_hash text not null, hash text not null)',
);
const insert = plain.prepare(
  'insert into bench_plain (time, actor, action, subject, data, prev_hash, hash) values (?, ?, ?, ?, ?, ?, ?)',
);
const zeros = '0'.repeat(64);

function plainRound(synchronous: 'FULL' | 'NORMAL'): number {
  plain.pragma(`synchronous = ${synchronous}`);
  const start = performance.now();
  let n = 0;
  while (performance.now() - start < SECONDS * 1000) {
    const d = draft(n);
    insert.run(new Date().toISOString(), d.actor, d.action, d.subject, JSON.stringify(d.data), zeros, zeros);
    n += 1;
  }
  return n / ((performance.now() - start) / 1000);
}

async function chainRound(): Promise<number> {
  const start = performance.now();
  let n = 0;
  while (performance.now() - start < SECONDS * 1000) {
    await appendAudit(store, draft(n), { home });
    n += 1;
  }
  return n / ((performance.now() - start) / 1000);
}

const chained: number[] = [];
const plainFull: number[] = [];
const plainNormal: number[] = [];
for (let round = 0; round < ROUNDS; round += 1) {
  plainFull.push(plainRound('FULL'));
  chained.push(await chainRound());
  plainNormal.push(plainRound('NORMAL'));
}
plain.close();

const appendRate = median(chained);
const plainRate = median(plainFull);
console.log(`appends with chain + durability: ${format(appendRate)}/s (synchronous=FULL, one commit each)`);
console.log(`plain inserts, same database:    ${format(plainRate)}/s (synchronous=FULL, one commit each)`);
console.log(`  ratio ${(appendRate / plainRate).toFixed(2)} (target ≥ 0.50)`);
console.log(
  `plain inserts without a sync per commit (NORMAL): ${format(median(plainNormal))}/s ` +
    `(chain + durability is ${(appendRate / median(plainNormal)).toFixed(2)} of it)`,
);

// Verification: fill the trail to ENTRIES in batches (one transaction each), then verify.
const head = (await store.audit.head())?.seq ?? 0;
for (let seq = head; seq < ENTRIES; seq += 5_000) {
  const count = Math.min(5_000, ENTRIES - seq);
  await appendAuditBatch(
    store,
    Array.from({ length: count }, (_, i) => draft(seq + i)),
    { home },
  );
}
const stored: StoredAuditEntry[] = [];
for (let afterSeq = 0; ; ) {
  const page = await store.audit.list({ afterSeq, limit: 50_000 });
  stored.push(...page);
  const last = page.at(-1);
  if (last === undefined) break;
  afterSeq = last.seq;
}

const CLI = join(import.meta.dirname, '..', 'bin', 'coastguard.js');
const memoryRates: number[] = [];
const databaseRates: number[] = [];
const cliRates: number[] = [];
const publicKey = loadHomePublicKey(home);
for (let round = 0; round < ROUNDS; round += 1) {
  let start = performance.now();
  const verifier = createChainVerifier();
  for (const entry of stored) {
    if (verifier.push(entry) !== undefined) throw new Error(`chain broken at ${entry.seq}`);
  }
  memoryRates.push(stored.length / ((performance.now() - start) / 1000));

  start = performance.now();
  const verdict = await verifyStore(store, publicKey === undefined ? {} : { publicKey });
  if (!verdict.ok) throw new Error(`trail broken at ${verdict.seq}: ${verdict.reason}`);
  databaseRates.push(verdict.entries / ((performance.now() - start) / 1000));

  start = performance.now();
  const said = execFileSync(process.execPath, [CLI, 'audit', 'verify'], {
    env: { ...process.env, COASTGUARD_HOME: home },
    encoding: 'utf8',
  });
  cliRates.push(verdict.entries / ((performance.now() - start) / 1000));
  if (!said.includes('audit trail verified')) throw new Error(`coastguard audit verify said: ${said}`);
}
console.log(
  `verification, chain in memory:   ${format(median(memoryRates))} entries/s over ${format(stored.length)} (target ≥ 200,000/s)`,
);
console.log(
  `verification, from the database: ${format(median(databaseRates))} entries/s (one walk: read, hash, checkpoints)`,
);
const cliRate = median(cliRates);
console.log(
  `coastguard audit verify:         ${format(cliRate)} entries/s (process start included; ${(cliRate / median(memoryRates)).toFixed(2)} of the in-memory chain; target ≥ 200,000/s)`,
);

await store.close();
rmSync(home, { recursive: true, force: true });
