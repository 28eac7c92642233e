import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import type { Assessment } from '../core/assessment.js';
import { type CoastguardError, isCoastguardError } from '../core/errors.js';
import { DATABASE_FILE, openStore } from './index.js';
import { MIGRATIONS } from './migrations/index.js';
import { toAssessmentRow } from './rows.js';
import type { Database } from './schema.js';
import { buildAssessment, containerResult, describeStoreContract } from './store.contract.js';

const temporaryDirs: string[] = [];

function makeTempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'coastguard-store-'));
  temporaryDirs.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of temporaryDirs) rmSync(dir, { recursive: true, force: true });
});

describeStoreContract('SQLite', () => openStore({ home: join(makeTempDir(), 'home') }));

function hashFile(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

async function openError(home: string): Promise<CoastguardError> {
  const err = await openStore({ home }).then(
    async (store) => {
      await store.close();
      return undefined;
    },
    (e: unknown) => e,
  );
  if (!isCoastguardError(err)) throw new Error(`expected a CoastguardError, got ${String(err)}`);
  return err;
}

/** A real Coastguard database with one recorded assessment, closed. */
async function createDatabase(home: string): Promise<string> {
  const store = await openStore({ home });
  await store.recordAssessment(
    buildAssessment({
      id: 'a-1',
      startedAt: '2024-05-01T12:00:00.000Z',
      results: [containerResult('c-1', 'web', 'fail')],
    }),
  );
  await store.close();
  return join(home, DATABASE_FILE);
}

/** Asserts the refusal left the database byte-for-byte as it was, and the directory as it was. */
async function expectUntouched(home: string, refuse: () => Promise<void>): Promise<void> {
  const path = join(home, DATABASE_FILE);
  const hash = hashFile(path);
  const listing = readdirSync(home).sort();
  await refuse();
  expect(hashFile(path)).toBe(hash);
  expect(readdirSync(home).sort()).toEqual(listing);
}

describe('SQLite store: opening', () => {
  it('creates a private home and database, with WAL journaling and the schema', async () => {
    const home = join(makeTempDir(), 'nested', 'home');
    const store = await openStore({ home });
    await store.close();
    expect(statSync(home).mode & 0o777).toBe(0o700);
    const path = join(home, DATABASE_FILE);
    expect(statSync(path).mode & 0o777).toBe(0o600);

    const raw = new BetterSqlite3(path, { readonly: true });
    try {
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
      const tables = raw
        .prepare("select name from sqlite_master where type = 'table' order by name")
        .pluck()
        .all();
      expect(tables).toEqual(
        expect.arrayContaining(['assessment_results', 'assessments', 'findings', 'kysely_migration']),
      );
    } finally {
      raw.close();
    }
  });

  it('leaves an existing home’s permissions alone', async () => {
    const home = makeTempDir();
    chmodSync(home, 0o750);
    await (await openStore({ home })).close();
    expect(statSync(home).mode & 0o777).toBe(0o750);
  });

  it('reopens an existing database without re-running migrations, keeping its data', async () => {
    const home = makeTempDir();
    await createDatabase(home);
    for (let i = 0; i < 2; i += 1) {
      const store = await openStore({ home });
      expect((await store.listAssessments()).map((a) => a.id)).toEqual(['a-1']);
      expect(await store.listFindings()).toHaveLength(1);
      await store.close();
    }
    const raw = new BetterSqlite3(join(home, DATABASE_FILE), { readonly: true });
    try {
      const names = raw.prepare('select name from kysely_migration order by name').pluck().all();
      expect(names).toEqual(Object.keys(MIGRATIONS).sort());
    } finally {
      raw.close();
    }
  });

  it('initializes an empty file someone created in advance', async () => {
    const home = makeTempDir();
    writeFileSync(join(home, DATABASE_FILE), '');
    const store = await openStore({ home });
    expect(await store.listAssessments()).toEqual([]);
    await store.close();
  });

  it('tolerates close being called twice', async () => {
    const store = await openStore({ home: makeTempDir() });
    await store.close();
    await expect(store.close()).resolves.toBeUndefined();
  });
});

describe('SQLite store: faults', () => {
  it.each([
    ['random bytes', () => randomBytes(8192)],
    ['a text file', () => Buffer.from('# notes\nthis is not a database\n'.repeat(50))],
  ])('refuses %s at coastguard.db as corrupt and leaves it untouched', async (_, bytes) => {
    const home = makeTempDir();
    const path = join(home, DATABASE_FILE);
    writeFileSync(path, bytes());
    await expectUntouched(home, async () => {
      const err = await openError(home);
      expect(err.code).toBe('STORE_CORRUPT');
      expect(err.exitCode).toBe(2);
      expect(err.message).toBe(
        `The database at ${path} is not a Coastguard database or is damaged (file is not a database). ` +
          'It was left untouched; move it aside to start afresh.',
      );
    });
  });

  it('refuses a SQLite database that belongs to something else', async () => {
    const home = makeTempDir();
    const path = join(home, DATABASE_FILE);
    const other = new BetterSqlite3(path);
    other.exec("create table notes (body text); insert into notes values ('keep me')");
    other.close();
    await expectUntouched(home, async () => {
      const err = await openError(home);
      expect(err.code).toBe('STORE_CORRUPT');
      expect(err.message).toContain(path);
      expect(err.message).toContain('notes');
    });
  });

  it('refuses a database written by a newer Coastguard and leaves it untouched', async () => {
    const home = makeTempDir();
    const path = await createDatabase(home);
    const newer = new BetterSqlite3(path);
    newer
      .prepare('insert into kysely_migration (name, timestamp) values (?, ?)')
      .run('0099-future', '2030-01-01');
    newer.close();

    await expectUntouched(home, async () => {
      const err = await openError(home);
      expect(err.code).toBe('STORE_NEWER_SCHEMA');
      expect(err.exitCode).toBe(2);
      expect(err.message).toContain(path);
      expect(err.message).toContain('newer Coastguard (schema 0099-future)');
      expect(err.message).toContain('upgrade Coastguard');
    });
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it('refuses a truncated database as corrupt without writing to it', async () => {
    const home = makeTempDir();
    const path = await createDatabase(home);
    const big = await openStore({ home });
    const results = Array.from({ length: 2000 }, (_, i) => containerResult(`c-${i}`, 'web', 'fail'));
    await big.recordAssessment(
      buildAssessment({ id: 'a-2', startedAt: '2024-05-02T12:00:00.000Z', results }),
    );
    await big.close();
    truncateSync(path, Math.floor(statSync(path).size / 2));

    await expectUntouched(home, async () => {
      const err = await openStore({ home }).then(
        async (store) => {
          try {
            await store.listFindings({ state: 'all' });
            return undefined;
          } catch (e) {
            return e;
          } finally {
            await store.close();
          }
        },
        (e: unknown) => e,
      );
      expect(isCoastguardError(err) && err.code).toBe('STORE_CORRUPT');
    });
  });

  it('names the path when the home cannot be created', async () => {
    const blocker = join(makeTempDir(), 'a-file');
    writeFileSync(blocker, 'in the way');
    const home = join(blocker, 'home');
    const err = await openError(home);
    expect(err.code).toBe('STORE_ERROR');
    expect(err.exitCode).toBe(2);
    expect(err.message).toContain(home);
  });

  it('names the path when the database is a directory', async () => {
    const home = makeTempDir();
    mkdirSync(join(home, DATABASE_FILE));
    const err = await openError(home);
    expect(err.code).toBe('STORE_ERROR');
    expect(err.message).toContain(join(home, DATABASE_FILE));
  });

  // Root ignores permission bits, so these cases open the store as `nobody` in a child process.
  const canDropPrivileges = process.getuid?.() === 0;

  async function openAsNobody(home: string): Promise<{ code: string; exitCode: number; message: string }> {
    const script = `
      import { openStore } from ${JSON.stringify(resolve(import.meta.dirname, 'index.ts'))};
      try { await openStore({ home: ${JSON.stringify(home)} }); console.log('{"code":"opened"}'); }
      catch (err) { console.log(JSON.stringify({ code: err.code, exitCode: err.exitCode, message: err.message })); }
    `;
    const args = ['--import', 'tsx', '--input-type=module', '-e', script];
    const { stdout } = await promisify(execFile)(process.execPath, args, {
      cwd: resolve(import.meta.dirname, '../..'),
      uid: 65534,
      gid: 65534,
    });
    return JSON.parse(stdout) as { code: string; exitCode: number; message: string };
  }

  function makeSharedTempDir(): string {
    const parent = makeTempDir();
    chmodSync(parent, 0o755);
    return parent;
  }

  it.skipIf(!canDropPrivileges)('names the path when the home is not writable (as nobody)', async () => {
    const home = join(makeSharedTempDir(), 'home');
    mkdirSync(home, { mode: 0o755 });
    const outcome = await openAsNobody(home);
    expect(outcome).toMatchObject({ code: 'STORE_ERROR', exitCode: 2 });
    expect(outcome.message).toContain(home);
    expect(existsSync(join(home, DATABASE_FILE))).toBe(false);
  });

  it.skipIf(!canDropPrivileges)(
    'names the path when the database belongs to another user (as nobody)',
    async () => {
      const home = join(makeSharedTempDir(), 'home');
      await createDatabase(home);
      chownSync(home, 65534, 65534);
      await expectUntouched(home, async () => {
        const outcome = await openAsNobody(home);
        expect(outcome).toMatchObject({ code: 'STORE_ERROR', exitCode: 2 });
        expect(outcome.message).toContain(join(home, DATABASE_FILE));
      });
    },
  );
});

describe('SQLite store: results kept packed', () => {
  /** A database as Coastguard wrote it before 0005: one row per result in the `results` table. */
  async function createPre0005Database(home: string, assessment: Assessment): Promise<void> {
    mkdirSync(home, { recursive: true, mode: 0o700 });
    const sqlite = new BetterSqlite3(join(home, DATABASE_FILE));
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
    const older = Object.fromEntries(Object.entries(MIGRATIONS).filter(([name]) => name < '0005'));
    const { error } = await new Migrator({
      db,
      provider: { getMigrations: () => Promise.resolve(older) },
    }).migrateToLatest();
    if (error !== undefined) throw error;
    const row = toAssessmentRow(assessment, assessment.startedAt, assessment.finishedAt);
    sqlite
      .prepare(
        `insert into assessments (${Object.keys(row).join(', ')}) values (${Object.keys(row)
          .map(() => '?')
          .join(', ')})`,
      )
      .run(...Object.values(row));
    const insert = sqlite.prepare(
      `insert into results (assessment_id, position, fingerprint, check_id, cis_id, title, status, severity,
         subject_kind, subject_id, subject_name, evidence, remediation) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    // Stored out of order on purpose: the position column, not the insertion order, is the results' order.
    for (const [position, r] of [...assessment.results.entries()].reverse()) {
      insert.run(
        assessment.id,
        position,
        `fp-${position}`,
        r.checkId,
        r.cisId ?? null,
        r.title,
        r.status,
        r.severity,
        r.subject.kind,
        r.subject.id,
        r.subject.name,
        r.evidence,
        r.remediation,
      );
    }
    await db.destroy();
  }

  it('upgrades a database of one row per result, keeping every result in its order', async () => {
    const home = join(makeTempDir(), 'home');
    const results = [
      containerResult('container-privileged', 'web', 'fail', { cisId: '5.5' }),
      containerResult('container-memory', 'web', 'pass', { cisId: null }),
      containerResult('container-privileged', 'db', 'manual', { evidence: 'quote " and \\ and ✓' }),
    ];
    const assessment = buildAssessment({ id: 'a-old', startedAt: '2024-05-01T12:00:00.000Z', results });
    await createPre0005Database(home, assessment);

    const store = await openStore({ home });
    try {
      expect((await store.getAssessment('a-old'))?.results).toEqual(results);
    } finally {
      await store.close();
    }
    const raw = new BetterSqlite3(join(home, DATABASE_FILE), { readonly: true });
    try {
      const tables = raw.prepare("select name from sqlite_master where type = 'table'").pluck().all();
      expect(tables).not.toContain('results');
    } finally {
      raw.close();
    }
  });

  it('names the assessment when its packed results are damaged, and keeps the others readable', async () => {
    const home = join(makeTempDir(), 'home');
    const path = await createDatabase(home);
    const store = await openStore({ home });
    await store.recordAssessment(
      buildAssessment({
        id: 'a-2',
        startedAt: '2024-05-02T12:00:00.000Z',
        results: [containerResult('c-1', 'web', 'pass')],
      }),
    );
    await store.close();
    const raw = new BetterSqlite3(path);
    raw
      .prepare("update assessment_results set packed = ? where assessment_id = 'a-1'")
      .run(Buffer.from('junk'));
    raw.close();

    const reopened = await openStore({ home });
    try {
      const err = await reopened.getAssessment('a-1').catch((e: unknown) => e);
      expect(isCoastguardError(err) && err.code).toBe('STORE_CORRUPT');
      expect((err as Error).message).toContain('the results of assessment a-1');
      expect((err as Error).message).toContain(path);
      expect((await reopened.getAssessment('a-2'))?.results).toHaveLength(1);
    } finally {
      await reopened.close();
    }
  });
});
