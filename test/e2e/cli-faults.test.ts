// The CLI's failure paths, end to end: one clear line, the right exit code, no stack trace, nothing overwritten.
import { createHash } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeHome, requireBuiltCli, runCli } from '../support/cli.js';

beforeAll(requireBuiltCli);

let home: string;

beforeEach(async () => {
  home = await makeHome();
});

afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function expectOneCleanLine(stderr: string): void {
  const lines = stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe('coastguard scan when things go wrong', () => {
  it('an unreachable engine is one line naming the endpoint, exit 2', async () => {
    const outcome = await runCli(['scan', '--no-store'], {
      COASTGUARD_HOME: home,
      DOCKER_HOST: 'unix:///nonexistent/docker.sock',
    });
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain('/nonexistent/docker.sock');
    expectOneCleanLine(outcome.stderr);
    expect(outcome.stdout).toBe('');
  });

  it('a tcp engine that refuses is reported the same way', async () => {
    const outcome = await runCli(['scan', '--no-store'], {
      COASTGUARD_HOME: home,
      DOCKER_HOST: 'tcp://127.0.0.1:1',
    });
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain('127.0.0.1:1');
    expectOneCleanLine(outcome.stderr);
  });

  it('a damaged database stops the scan with exit 2 and is left byte for byte as it was', async () => {
    const db = join(home, 'coastguard.db');
    const garbage = Buffer.from('this is not a database\n'.repeat(200));
    await writeFile(db, garbage);
    const outcome = await runCli(['scan'], { COASTGUARD_HOME: home });
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain(db);
    expectOneCleanLine(outcome.stderr);
    expect(sha256(await readFile(db))).toBe(sha256(garbage));
  });

  it('reading findings from a damaged database is refused the same way', async () => {
    const db = join(home, 'coastguard.db');
    await writeFile(db, Buffer.alloc(8192, 0x5a));
    const outcome = await runCli(['findings'], { COASTGUARD_HOME: home });
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain(db);
  });

  it('unknown flags and bad values are usage errors, exit 2', async () => {
    const unknownFlag = await runCli(['scan', '--frobnicate'], { COASTGUARD_HOME: home });
    expect(unknownFlag.code).toBe(2);
    expect(unknownFlag.stderr).toContain('--frobnicate');

    const badSeverity = await runCli(['scan', '--fail-on', 'catastrophic'], { COASTGUARD_HOME: home });
    expect(badSeverity.code).toBe(2);
    expect(badSeverity.stderr).toContain('critical');

    const badFormat = await runCli(['scan', '--format', 'pdf'], { COASTGUARD_HOME: home });
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr).toContain('table, json, html');

    const badLimit = await runCli(['history', '--limit', '-3'], { COASTGUARD_HOME: home });
    expect(badLimit.code).toBe(2);

    const unknownCommand = await runCli(['scna'], { COASTGUARD_HOME: home });
    expect(unknownCommand.code).toBe(2);
  });

  it('an output path that cannot be written is exit 2 and leaves no partial file', async () => {
    const blocked = join(home, 'blocked');
    await writeFile(blocked, 'a file where a directory should be');
    const outcome = await runCli(
      ['scan', '--no-store', '--format', 'json', '--output', join(blocked, 'r.json')],
      {
        COASTGUARD_HOME: home,
      },
    );
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain(join(blocked, 'r.json'));
    expectOneCleanLine(outcome.stderr);
  });

  it('help and version exit 0', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('scan');
    const version = await runCli(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('an unwritable home is exit 2 naming the path', async () => {
    const file = join(home, 'not-a-dir');
    await writeFile(file, '');
    const outcome = await runCli(['history'], { COASTGUARD_HOME: join(file, 'home') });
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain(join(file, 'home'));
  });
});
