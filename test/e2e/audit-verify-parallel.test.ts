// `coastguard audit verify` on a trail long enough to be split into ranges verified on worker threads: the built
// CLI, a real database, and tampering at a range boundary and inside the second range, named as a single walk
// names it.
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { appendAuditBatch } from '../../src/audit/index.js';
import { DATABASE_FILE, openStore } from '../../src/store/index.js';
import { makeHome, requireBuiltCli, runCli } from '../support/cli.js';

/** Two ranges of 30,000 on a machine with two or more cores (a range is at least 25,000 entries). */
const ENTRIES = 60_000;
let home: string;
let pristine: string;

function tamper(sql: string): void {
  const db = new BetterSqlite3(join(home, DATABASE_FILE));
  try {
    db.exec(sql);
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  requireBuiltCli();
  home = await makeHome();
  const store = await openStore({ home });
  try {
    for (let seq = 0; seq < ENTRIES; seq += 5_000) {
      await appendAuditBatch(
        store,
        Array.from({ length: 5_000 }, (_, i) => ({
          actor: 'alice',
          action: 'finding.opened',
          subject: `container:c${seq + i}`,
          data: { n: seq + i },
        })),
        { home },
      );
    }
  } finally {
    await store.close();
  }
  pristine = join(home, 'pristine.db');
  copyFileSync(join(home, DATABASE_FILE), pristine);
}, 180_000);

beforeEach(() => {
  copyFileSync(pristine, join(home, DATABASE_FILE));
});

afterAll(() => {
  if (home) rmSync(home, { recursive: true, force: true });
});

describe('coastguard audit verify over ranges', () => {
  it('verifies an intact trail of 60,000 entries', async () => {
    const outcome = await runCli(['audit', 'verify'], { COASTGUARD_HOME: home });
    expect(outcome.stderr).toBe('');
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toContain(`entries 1–${ENTRIES}`);
  });

  it.each([
    [
      'the first entry of the second range removed',
      'delete from audit_entries where seq = 30001',
      30001,
      /missing/,
    ],
    [
      'the last entry of the first range removed (foreign keys off to leave its checkpoint)',
      'pragma foreign_keys = off; delete from audit_entries where seq = 30000',
      30000,
      /missing/,
    ],
    [
      'an entry inside the second range altered',
      `update audit_entries set data = '{"n":-1}' where seq = 45000`,
      45000,
      /altered/,
    ],
    [
      'the first entry of the second range re-linked to a forged predecessor',
      `update audit_entries set prev_hash = '${'0'.repeat(64)}' where seq = 30001`,
      30001,
      /altered|prevHash/,
    ],
  ])('names %s', async (_, sql, seq, reason) => {
    tamper(sql);
    const outcome = await runCli(['audit', 'verify'], { COASTGUARD_HOME: home });
    expect(outcome.code).toBe(1);
    expect(outcome.stdout).toMatch(new RegExp(`broken at seq ${seq}: `));
    expect(outcome.stdout).toMatch(reason);
  });
});
