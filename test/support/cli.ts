// Runs the built CLI (bin/coastguard.js) as a user would, with its own COASTGUARD_HOME, and captures the outcome.
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { inject } from 'vitest';

export const CLI = resolve(import.meta.dirname, '../../bin/coastguard.js');

export interface CliOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliOutcome> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      {
        env: { ...process.env, NO_COLOR: '1', ...env },
        maxBuffer: 64 * 1024 * 1024,
        timeout: 120_000,
      },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
        done({ code, stdout, stderr });
      },
    );
  });
}

export function makeHome(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'cgtest-home-'));
}

/** Call in beforeAll of every test that runs the CLI: fails those tests, with tsc's output, when the build failed. */
export function requireBuiltCli(): void {
  const error = inject('cliBuildError');
  if (error) throw new Error(error);
}
