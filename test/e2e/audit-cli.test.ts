// `coastguard audit` end to end through its commander registration (the way main.ts runs it), on a real home:
// verify (intact, tampered, from a seq, an export with the auditor's key or a wrong one), show, export, key; and
// the entries a recorded assessment adds.
import { rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { appendAudit, KEY_FILE, recordAssessmentAudit } from '../../src/audit/index.js';
import { parseSince, registerAudit } from '../../src/cli/commands/audit.js';
import { isCoastguardError } from '../../src/core/errors.js';
import { DATABASE_FILE, openStore } from '../../src/store/index.js';
import { buildAssessment, containerResult } from '../../src/store/store.contract.js';
import { makeHome } from '../support/cli.js';

let home: string;
let previousHome: string | undefined;

beforeEach(async () => {
  home = await makeHome();
  previousHome = process.env.COASTGUARD_HOME;
  process.env.COASTGUARD_HOME = home;
  process.exitCode = undefined;
});

afterEach(() => {
  if (previousHome === undefined) delete process.env.COASTGUARD_HOME;
  else process.env.COASTGUARD_HOME = previousHome;
  process.exitCode = undefined;
  rmSync(home, { recursive: true, force: true });
});

/** Runs `coastguard audit …`; returns what it printed and the exit code main.ts would return. */
async function runAudit(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  const program = new Command('coastguard').exitOverride();
  registerAudit(program);
  for (const command of program.commands) command.exitOverride();
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  try {
    await program.parseAsync(['audit', ...args], { from: 'user' });
    const code = typeof process.exitCode === 'number' ? process.exitCode : 0;
    process.exitCode = undefined;
    return { stdout, stderr, code };
  } catch (error) {
    if (isCoastguardError(error))
      return { stdout, stderr: `${stderr}${error.message}`, code: error.exitCode };
    return { stdout, stderr, code: 2 };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

async function fill(count: number): Promise<void> {
  const store = await openStore({ home });
  try {
    for (let i = 1; i <= count; i += 1) {
      const action = i % 3 === 0 ? 'finding.fixed' : 'finding.opened';
      await appendAudit(
        store,
        { actor: 'alice@host', action, subject: `finding:${i}`, data: { i } },
        { home, checkpointEvery: 5 },
      );
    }
  } finally {
    await store.close();
  }
}

function tamper(statement: string): void {
  const raw = new BetterSqlite3(join(home, DATABASE_FILE));
  raw.pragma('foreign_keys = OFF');
  raw.exec(statement);
  raw.close();
}

describe('coastguard audit verify', () => {
  it('passes an intact trail with exit 0, naming the range, checkpoints and key', async () => {
    await fill(12);
    const { stdout, code } = await runAudit('verify');
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^audit trail verified: entries 1–12, 2 checkpoints verified with key sha256:[0-9a-f]{64}\n$/,
    );
  });

  it('fails a tampered trail with exit 1 and one line naming the first broken seq', async () => {
    await fill(12);
    tamper(`update audit_entries set data = '{"i":70}' where seq = 7`);
    const { stdout, code } = await runAudit('verify');
    expect(code).toBe(1);
    expect(stdout.trimEnd().split('\n')).toHaveLength(1);
    expect(stdout).toMatch(/^audit trail broken at seq 7: /);
    expect((await runAudit('verify', '--from', '8')).code).toBe(0);
  });

  it('needs a public key when the home lost its key but the trail has checkpoints', async () => {
    await fill(6);
    unlinkSync(join(home, KEY_FILE));
    const { stderr, code } = await runAudit('verify');
    expect(code).toBe(2);
    expect(stderr).toContain('--public-key');
  });

  it('rejects a bad --from before touching anything', async () => {
    await expect(runAudit('verify', '--from', '0')).resolves.toMatchObject({ code: 2 });
  });
});

describe('coastguard audit export, key and verify --file', () => {
  async function exportWithKey(): Promise<{ exported: string; key: string }> {
    await fill(8);
    const exported = join(home, 'trail.jsonl');
    const exportRun = await runAudit('export', '--output', exported);
    expect(exportRun.code).toBe(0);
    expect(exportRun.stderr).toMatch(/exported 8 entries and 2 signed checkpoints to .*trail\.jsonl/);
    const keyRun = await runAudit('key');
    expect(keyRun.stdout).toMatch(/^Coastguard audit key sha256:[0-9a-f]{64}\n-----BEGIN PUBLIC KEY-----\n/);
    const key = join(home, 'auditor.pem');
    writeFileSync(key, keyRun.stdout);
    return { exported, key };
  }

  it('verifies an export on its own with the public key `audit key` printed', async () => {
    const { exported, key } = await exportWithKey();
    // Without the database: the export stands alone.
    rmSync(join(home, DATABASE_FILE));
    const { stdout, code } = await runAudit('verify', '--file', exported, '--public-key', key);
    expect(code).toBe(0);
    expect(stdout).toContain('entries 1–8, 2 checkpoints verified with key sha256:');
  });

  it('fails a tampered export with exit 1, naming the seq', async () => {
    const { exported, key } = await exportWithKey();
    const { readFileSync } = await import('node:fs');
    writeFileSync(
      exported,
      readFileSync(exported, 'utf8').replace(
        '"actor":"alice@host","action":"finding.fixed","subject":"finding:6"',
        '"actor":"bob@host","action":"finding.fixed","subject":"finding:6"',
      ),
    );
    const { stdout, code } = await runAudit('verify', '--file', exported, '--public-key', key);
    expect(code).toBe(1);
    expect(stdout).toMatch(/broken at seq 6: /);
  });

  it('fails with a wrong public key (exit 1) and refuses a key file that is not one (exit 2)', async () => {
    const { exported } = await exportWithKey();
    const otherHome = await makeHome();
    try {
      process.env.COASTGUARD_HOME = otherHome;
      const other = join(otherHome, 'other.pem');
      writeFileSync(other, (await runAudit('key')).stdout);
      process.env.COASTGUARD_HOME = home;
      const wrong = await runAudit('verify', '--file', exported, '--public-key', other);
      expect(wrong.code).toBe(1);
      expect(wrong.stdout).toMatch(/broken at seq 5: checkpoint 5 was signed by key sha256:/);
      const garbage = join(otherHome, 'garbage.pem');
      writeFileSync(garbage, 'hello');
      const refused = await runAudit('verify', '--file', exported, '--public-key', garbage);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain(garbage);
    } finally {
      rmSync(otherHome, { recursive: true, force: true });
    }
  });

  it('refuses a malformed export with exit 2, naming the file and line', async () => {
    const { exported, key } = await exportWithKey();
    const { readFileSync } = await import('node:fs');
    const lines = readFileSync(exported, 'utf8').split('\n');
    lines[4] = '{"type":"entry","seq":';
    writeFileSync(exported, lines.join('\n'));
    const { stderr, code } = await runAudit('verify', '--file', exported, '--public-key', key);
    expect(code).toBe(2);
    expect(stderr).toContain(`${exported}:5: not valid JSON`);
  });
});

describe('coastguard audit show', () => {
  it('filters by action and time, as a table or JSON', async () => {
    await fill(6);
    const table = await runAudit('show', '--action', 'finding.fixed');
    expect(table.stdout).toMatch(/^SEQ\s+TIME\s+ACTOR\s+ACTION\s+SUBJECT\n/);
    expect(table.stdout).toContain('\n2 entries\n');
    const json = JSON.parse((await runAudit('show', '--since', '1h', '--format', 'json')).stdout) as {
      seq: number;
      data: unknown;
    }[];
    expect(json.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(json[0]?.data).toEqual({ i: 1 });
    const future = JSON.parse(
      (await runAudit('show', '--since', '2999-01-01T00:00:00Z', '--format', 'json')).stdout,
    );
    expect(future).toEqual([]);
  });

  it('rejects an unreadable --since (exit 2)', async () => {
    await expect(runAudit('show', '--since', 'yesterday')).resolves.toMatchObject({ code: 2 });
  });
});

describe('parseSince', () => {
  const now = new Date('2024-05-02T12:00:00.000Z');
  it.each([
    ['24h', '2024-05-01T12:00:00.000Z'],
    ['30m', '2024-05-02T11:30:00.000Z'],
    ['7d', '2024-04-25T12:00:00.000Z'],
    ['90s', '2024-05-02T11:58:30.000Z'],
    ['2024-05-01T10:00:00+02:00', '2024-05-01T08:00:00.000Z'],
    ['2024-05-01', '2024-05-01T00:00:00.000Z'],
  ])('%s', (value, expected) => {
    expect(parseSince(value, now)).toBe(expected);
  });

  it.each(['', '24', 'h', '1y', 'last week', '12:00'])('refuses %j', (value) => {
    expect(() => parseSince(value, now)).toThrow(/ISO-8601/);
  });
});

describe('recording an assessment in the trail', () => {
  it('appends assessment.recorded then one finding.opened / finding.fixed per change, verifiably', async () => {
    const store = await openStore({ home });
    try {
      const first = buildAssessment({
        id: 'a-1',
        startedAt: '2024-05-01T12:00:00.000Z',
        containers: ['web', 'db'],
        results: [containerResult('c-1', 'web', 'fail'), containerResult('c-2', 'db', 'fail')],
      });
      await recordAssessmentAudit(store, first, await store.recordAssessment(first), { home, actor: 'ci' });
      const second = buildAssessment({
        id: 'a-2',
        startedAt: '2024-05-02T12:00:00.000Z',
        containers: ['web', 'db'],
        results: [containerResult('c-1', 'web', 'pass'), containerResult('c-2', 'db', 'fail')],
      });
      await recordAssessmentAudit(store, second, await store.recordAssessment(second), { home, actor: 'ci' });
      const entries = await store.audit.list();
      expect(entries.map((e) => [e.action, e.subject])).toEqual([
        ['assessment.recorded', 'assessment:a-1'],
        ['finding.opened', expect.stringMatching(/^finding:[0-9a-f]{32}$/)],
        ['finding.opened', expect.stringMatching(/^finding:[0-9a-f]{32}$/)],
        ['assessment.recorded', 'assessment:a-2'],
        ['finding.fixed', entries[1]?.subject],
      ]);
      expect(entries.every((e) => e.actor === 'ci')).toBe(true);
      expect(JSON.parse(entries[3]?.canonicalData ?? '')).toMatchObject({
        assessmentId: 'a-2',
        previousAssessmentId: 'a-1',
        opened: 0,
        fixed: 1,
        stillOpen: 1,
      });
    } finally {
      await store.close();
    }
    expect((await runAudit('verify')).code).toBe(0);
  });
});
