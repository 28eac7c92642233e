// `coastguard db update` and `db status` end to end, through a program holding only the db command (main.ts
// wires it for users), against a real store in a temporary home.
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerDb } from '../../src/cli/commands/db.js';
import { openStore } from '../../src/store/index.js';
import { buildZip } from '../../src/vuln/db/__fixtures__/build-zip.js';

const OSV = resolve(import.meta.dirname, '../../../shared/fixtures/osv');

let home: string;
const previousHome = process.env.COASTGUARD_HOME;

async function run(...args: string[]): Promise<{ stdout: string; stderr: string; error?: unknown }> {
  const program = new Command('coastguard').exitOverride();
  registerDb(program);
  for (const command of program.commands) command.exitOverride();
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  try {
    await program.parseAsync(args, { from: 'user' });
    return { stdout, stderr };
  } catch (error) {
    return { stdout, stderr, error };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'cgtest-dbcli-'));
  process.env.COASTGUARD_HOME = home;
});

afterAll(async () => {
  if (previousHome === undefined) delete process.env.COASTGUARD_HOME;
  else process.env.COASTGUARD_HOME = previousHome;
  await rm(home, { recursive: true, force: true });
});

describe('coastguard db', () => {
  it('warns that an empty database is empty', async () => {
    const { stdout, stderr, error } = await run('db', 'status', '--format', 'json');
    expect(error).toBeUndefined();
    expect(JSON.parse(stdout)).toMatchObject({ sources: [], recordCount: 0, isStale: true });
    expect(stderr).toMatch(/warning: The vulnerability database is empty/);
  });

  it('imports the fixture directory and the same records from a zip, and lists both sources', async () => {
    const first = await run('db', 'update', '--source', OSV);
    expect(first.error).toBeUndefined();
    expect(first.stdout).toBe(`Imported 57 advisories from ${OSV}.\n`);

    const zipPath = join(home, 'npm-all.zip');
    await writeFile(
      zipPath,
      buildZip([
        { name: 'GHSA-1.json', data: '{"id":"GHSA-1","modified":"2024-01-01T00:00:00Z"}' },
        { name: 'broken.json', data: '{' },
      ]),
    );
    const second = await run('db', 'update', '--source', zipPath);
    expect(second.stdout).toBe(`Imported 1 advisories from ${zipPath} (1 skipped).\n`);
    expect(second.stderr).toMatch(/warning osv-invalid-json: .*npm-all\.zip!broken\.json: not valid JSON/);

    const status = await run('db', 'status');
    expect(status.stdout).toMatch(new RegExp(`${OSV}\\s+directory\\s+57\\s`));
    expect(status.stdout).toMatch(/npm-all\.zip\s+zip\s+1\s/);
    expect(status.stdout).toMatch(/58 advisories/);
    expect(status.stderr).toBe('');
  });

  it('refuses a truncated zip with a clear error and keeps what was stored', async () => {
    const bad = join(home, 'truncated.zip');
    await writeFile(bad, buildZip([{ name: 'A.json', data: '{}' }]).subarray(0, 20));
    const { error } = await run('db', 'update', '--source', bad);
    expect(error).toMatchObject({ code: 'BAD_INPUT', exitCode: 2 });
    expect(String((error as Error).message)).toMatch(/truncated\.zip is not a readable zip archive/);
    const store = await openStore({ home });
    try {
      const counts = (await store.advisories.listSources()).map((s) => [s.kind, s.recordCount]);
      expect(counts.sort()).toEqual([
        ['directory', 57],
        ['zip', 1],
      ]);
    } finally {
      await store.close();
    }
  });

  it('re-importing a source replaces its records rather than adding to them', async () => {
    await run('db', 'update', '--source', OSV);
    const store = await openStore({ home });
    try {
      const namesOpenssl = (await readdir(join(OSV, 'Debian'))).filter((file) =>
        readFileSync(join(OSV, 'Debian', file), 'utf8').includes('"name": "openssl"'),
      );
      expect((await store.advisories.findByPackage('deb', ['openssl'])).length).toBe(namesOpenssl.length);
      expect((await store.advisories.listSources()).find((s) => s.id === OSV)?.recordCount).toBe(57);
    } finally {
      await store.close();
    }
  });
});
