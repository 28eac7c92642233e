// The audit trail over a real SQLite store: appends, checkpoints, tampering of every kind named at the right seq,
// export files (and bad ones), and the signing key.
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  appendAudit,
  appendAuditBatch,
  checkpointAudit,
  KEY_FILE,
  loadHomePublicKey,
  loadOrCreateSigner,
  readPublicKeyFile,
  verifyArchive,
  verifyStore,
  writeArchiveFile,
} from '../../src/audit/index.js';
import { isCoastguardError } from '../../src/core/errors.js';
import { DATABASE_FILE, openStore, type Store } from '../../src/store/index.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function makeDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'coastguard-audit-'));
  dirs.push(dir);
  return dir;
}

let home: string;
let store: Store;

beforeEach(async () => {
  home = join(makeDir(), 'home');
  store = await openStore({ home });
});

afterEach(async () => {
  await store.close();
});

/** Appends `count` entries with a checkpoint every 5. */
async function fill(count: number): Promise<void> {
  for (let i = 1; i <= count; i += 1) {
    await appendAudit(
      store,
      {
        actor: 'alice@host',
        action: i % 2 ? 'finding.opened' : 'finding.fixed',
        subject: `finding:${i}`,
        data: { i },
      },
      { home, checkpointEvery: 5 },
    );
  }
}

/** Tampers with the database behind the store's back, as someone with the file would (constraints off). */
function tamper(statements: string): void {
  const raw = new BetterSqlite3(join(home, DATABASE_FILE));
  raw.pragma('foreign_keys = OFF');
  raw.exec(statements);
  raw.close();
}

async function writePublicKey(): Promise<string> {
  const path = join(makeDir(), 'auditor.pem');
  writeFileSync(path, loadOrCreateSigner(home).pem);
  return path;
}

describe('appending', () => {
  it('numbers entries 1, 2, 3… chained, and signs a checkpoint every N', async () => {
    await fill(12);
    const entries = await store.audit.list();
    expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(entries[1]?.prevHash).toBe(entries[0]?.hash);
    expect((await store.audit.listCheckpoints()).map((c) => c.seq)).toEqual([5, 10]);
    expect(await verifyStore(store, { publicKey: loadOrCreateSigner(home) })).toEqual({
      ok: true,
      entries: 12,
      firstSeq: 1,
      lastSeq: 12,
      checkpoints: 2,
    });
  });

  it('signs a checkpoint when a batch crosses a multiple of N, and on demand at the head once', async () => {
    const drafts = Array.from({ length: 7 }, (_, i) => ({
      actor: 'a',
      action: 'x',
      subject: `s:${i}`,
      data: {},
    }));
    await appendAuditBatch(store, drafts, { home, checkpointEvery: 5 });
    expect((await store.audit.listCheckpoints()).map((c) => c.seq)).toEqual([7]);
    await appendAudit(
      store,
      { actor: 'a', action: 'x', subject: 's:8', data: {} },
      { home, checkpointEvery: 5 },
    );
    const first = await checkpointAudit(store, { home });
    const again = await checkpointAudit(store, { home });
    expect(first?.seq).toBe(8);
    expect(again).toEqual(first);
  });

  it('refuses data with no JSON form without writing anything', async () => {
    const err = await appendAudit(
      store,
      { actor: 'a', action: 'x', subject: 's', data: { n: Number.NaN } },
      { home },
    ).catch((e: unknown) => e);
    expect(isCoastguardError(err) && err.message).toMatch(
      /Refused to append audit entry x: NaN has no JSON form at \$\.n/,
    );
    expect(await store.audit.head()).toBeUndefined();
  });

  it('has no way to update or delete entries', () => {
    expect(Object.keys(store.audit).sort()).toEqual([
      'append',
      'checkpointHead',
      'head',
      'list',
      'listCheckpoints',
      'page',
    ]);
  });
});

describe('verifying the database', () => {
  it.each([
    ['altered data', 'update audit_entries set data = \'{"i":99}\' where seq = 7', 7, /altered/],
    ['an altered actor', "update audit_entries set actor = 'mallory' where seq = 3", 3, /altered/],
    ['a removed entry', 'delete from audit_entries where seq = 8', 8, /missing/],
    [
      'an inserted entry (later ones renumbered)',
      'update audit_entries set seq = seq + 1000 where seq >= 6; update audit_entries set seq = seq - 999 where seq >= 1000; ' +
        "insert into audit_entries select 6, time, 'mallory', action, subject, data, prev_hash, hash from audit_entries where seq = 7",
      6,
      /altered/,
    ],
    [
      'two entries swapped',
      'update audit_entries set seq = -4 where seq = 4; update audit_entries set seq = 4 where seq = 5; ' +
        'update audit_entries set seq = 5 where seq = -4',
      4,
      /altered/,
    ],
    [
      'a checkpoint signature altered',
      "update audit_checkpoints set signature = 'AAAA' || substr(signature, 5) where seq = 10",
      10,
      /signature/,
    ],
    [
      'a checkpoint hash altered',
      // Its first digit changed, whatever it was (a fixed replacement would be a no-op one time in sixteen).
      "update audit_checkpoints set hash = (case when substr(hash, 1, 1) = 'f' then '0' else 'f' end) || substr(hash, 2) where seq = 5",
      5,
      /signature/,
    ],
    ['the tail cut off below a checkpoint', 'delete from audit_entries where seq > 12', 13, /cut short/],
  ])('names the first bad seq for %s', async (_, statements, seq, reason) => {
    await fill(15);
    tamper(statements);
    const verdict = await verifyStore(store, { publicKey: loadOrCreateSigner(home) });
    expect(verdict).toMatchObject({ ok: false, seq, reason: expect.stringMatching(reason) });
  });

  it('names a rewritten chain at the first entry that no longer matches its checkpoint', async () => {
    await fill(12);
    // Rewrite entry 4 and re-hash everything after it, as someone with the database but not the key would.
    tamper('update audit_entries set data = \'{"i":400}\' where seq = 4');
    const { createHash } = await import('node:crypto');
    const raw = new BetterSqlite3(join(home, DATABASE_FILE));
    const rows = raw.prepare('select * from audit_entries order by seq').all() as Record<
      string,
      string | number
    >[];
    let prev = '0'.repeat(64);
    for (const row of rows) {
      const text =
        `{"action":${JSON.stringify(row.action)},"actor":${JSON.stringify(row.actor)},"data":${row.data},` +
        `"prevHash":"${prev}","seq":${row.seq},"subject":${JSON.stringify(row.subject)},"time":${JSON.stringify(row.time)}}`;
      const hash = createHash('sha256').update(text).digest('hex');
      raw.prepare('update audit_entries set prev_hash = ?, hash = ? where seq = ?').run(prev, hash, row.seq);
      prev = hash;
    }
    raw.close();
    const verdict = await verifyStore(store, { publicKey: loadOrCreateSigner(home) });
    expect(verdict).toMatchObject({ ok: false, seq: 5, reason: expect.stringMatching(/checkpoint/) });
  });

  it('names the checkpoint a wrong public key cannot verify, with both key ids', async () => {
    await fill(6);
    const other = loadOrCreateSigner(join(makeDir(), 'other-home'));
    const verdict = await verifyStore(store, { publicKey: other });
    expect(verdict).toMatchObject({ ok: false, seq: 5 });
    expect(!verdict.ok && verdict.reason).toContain(other.keyId);
    expect(!verdict.ok && verdict.reason).toContain(loadOrCreateSigner(home).keyId);
  });

  it('verifies from a seq on, skipping damage before it', async () => {
    await fill(12);
    tamper("update audit_entries set data = '{}' where seq = 2");
    const publicKey = loadOrCreateSigner(home);
    expect(await verifyStore(store, { from: 6, publicKey })).toMatchObject({
      ok: true,
      entries: 7,
      firstSeq: 6,
    });
    expect(await verifyStore(store, { from: 2, publicKey })).toMatchObject({ ok: false, seq: 2 });
  });
});

describe('export files', () => {
  async function exportTrail(): Promise<{ path: string; lines: string[] }> {
    await fill(11);
    await checkpointAudit(store, { home });
    const path = join(makeDir(), 'trail.jsonl');
    await writeArchiveFile(store, path, loadOrCreateSigner(home));
    return { path, lines: readFileSync(path, 'utf8').trimEnd().split('\n') };
  }

  function rewrite(path: string, lines: string[]): void {
    writeFileSync(path, `${lines.join('\n')}\n`);
  }

  it('verifies on its own with the auditor’s public key, owner-only', async () => {
    const { path } = await exportTrail();
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const publicKey = readPublicKeyFile(await writePublicKey());
    const { verdict } = await verifyArchive(path, { publicKey });
    expect(verdict).toEqual({ ok: true, entries: 11, firstSeq: 1, lastSeq: 11, checkpoints: 3 });
  });

  it('names the entry altered in the file', async () => {
    const { path, lines } = await exportTrail();
    rewrite(
      path,
      lines.map((l) => l.replace('"data":{"i":4}', '"data":{"i":5}')),
    );
    expect((await verifyArchive(path)).verdict).toMatchObject({ ok: false, seq: 4 });
  });

  it('names the first of two swapped lines, and a removed line', async () => {
    const { path, lines } = await exportTrail();
    const swapped = [...lines];
    [swapped[3], swapped[4]] = [lines[4] ?? '', lines[3] ?? ''];
    rewrite(path, swapped);
    expect((await verifyArchive(path)).verdict).toMatchObject({ ok: false, seq: 3 });
    rewrite(
      path,
      lines.filter((l) => !l.includes('"subject":"finding:9"')),
    );
    expect((await verifyArchive(path)).verdict).toMatchObject({ ok: false, seq: 9 });
  });

  it('fails with a wrong public key at the first checkpoint', async () => {
    const { path } = await exportTrail();
    const wrong = loadOrCreateSigner(join(makeDir(), 'elsewhere'));
    expect((await verifyArchive(path, { publicKey: wrong })).verdict).toMatchObject({ ok: false, seq: 5 });
  });

  it.each([
    [
      'a line that is not JSON',
      (lines: string[]) => lines.map((l, i) => (i === 3 ? l.slice(0, 40) : l)),
      ':4: not valid JSON',
    ],
    [
      'an entry without a seq',
      (lines: string[]) => lines.map((l, i) => (i === 2 ? l.replace(/"seq":\d+,/, '') : l)),
      ':3: the entry field seq must be a whole number',
    ],
    [
      'an unknown record type',
      (lines: string[]) => [...lines, '{"type":"note"}'],
      ': unknown record type "note"',
    ],
    ['no header', (lines: string[]) => lines.slice(1), ':1: not a Coastguard audit export'],
  ])('refuses %s, naming the file and line', async (_, change, message) => {
    const { path, lines } = await exportTrail();
    rewrite(path, change(lines));
    const err = await verifyArchive(path).catch((e: unknown) => e);
    expect(isCoastguardError(err)).toBe(true);
    expect((err as Error).message).toContain(path);
    expect((err as Error).message).toContain(message);
  });

  it('refuses a missing or empty file with a clear error', async () => {
    const missing = join(makeDir(), 'nope.jsonl');
    await expect(verifyArchive(missing)).rejects.toThrow(`Cannot read the export ${missing}`);
    const empty = join(makeDir(), 'empty.jsonl');
    writeFileSync(empty, '');
    await expect(verifyArchive(empty)).rejects.toThrow(`${empty}:1: the file is empty`);
  });

  it('refuses an overlong line without buffering it whole', async () => {
    const path = join(makeDir(), 'long.jsonl');
    writeFileSync(path, `{"type":"header"${' '.repeat(2 * 1024 * 1024)}`);
    await expect(verifyArchive(path)).rejects.toThrow(`${path}:1: the line is too long`);
  });
});

describe('the audit key', () => {
  it('is created on first use, owner-only, and the same afterwards', () => {
    expect(loadHomePublicKey(home)).toBeUndefined();
    const signer = loadOrCreateSigner(home);
    expect(statSync(join(home, KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(loadHomePublicKey(home)?.keyId).toBe(signer.keyId);
    expect(signer.keyId).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('refuses a key file others can read, naming it', () => {
    const other = join(makeDir(), 'h');
    loadOrCreateSigner(other);
    chmodSync(join(other, KEY_FILE), 0o644);
    expect(() => loadHomePublicKey(other)).toThrow(/can be read by other users.*chmod 600/);
  });

  it.each([
    ['garbage', 'not a key', /does not hold a PEM public key/],
    [
      'an RSA key',
      '-----BEGIN PUBLIC KEY-----\nMFwwDQYJKoZIhvcNAQEBBQADSwAwSAJBAMqnu7fzkpPuxVsy5RgqlkRNxqqyLJK7\nt2dt5NNeGQ9lVKc6XMNpYRBDKi11g7kgGB1PrWEwbU9gEtsGUpn/U9UCAwEAAQ==\n-----END PUBLIC KEY-----\n',
      /not Ed25519/,
    ],
  ])('refuses a public key file holding %s', (_, text, message) => {
    const path = join(makeDir(), 'key.pem');
    writeFileSync(path, text);
    expect(() => readPublicKeyFile(path)).toThrow(message);
  });

  it('refuses a missing public key file, naming it', () => {
    const path = join(makeDir(), 'absent.pem');
    expect(() => readPublicKeyFile(path)).toThrow(`The public key file ${path} does not exist`);
  });
});
