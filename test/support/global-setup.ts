// Runs once before the suite: a Docker engine must answer (started when we are root and none does), and the CLI
// is built, because end-to-end tests run bin/coastguard.js exactly as a user would. A failed build does not stop
// the unit tests; the CLI tests report it (see requireBuiltCli). Every temporary file of the run goes below one
// directory (TMPDIR, inherited by the test workers and the CLIs they start), removed when the suite ends, so a
// test that forgets its own leaves nothing behind.
import { execFile } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';
import { ensureEngine } from './engine.js';

const run = promisify(execFile);

declare module 'vitest' {
  export interface ProvidedContext {
    cliBuildError: string;
  }
}

async function buildCli(): Promise<string> {
  const root = resolve(import.meta.dirname, '../..');
  const tsc = resolve(root, 'node_modules/typescript/bin/tsc');
  try {
    await run(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root });
    await run(process.execPath, [resolve(root, 'scripts/copy-assets.mjs')], { cwd: root });
    await run(process.execPath, [resolve(root, 'scripts/bundle.mjs')], { cwd: root });
    return '';
  } catch (err) {
    const { stdout = '', stderr = '' } = err as { stdout?: string; stderr?: string };
    return `The CLI did not build (npm run build):\n${`${stdout}${stderr}`.slice(0, 4000)}`;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const [, buildError] = await Promise.all([ensureEngine(), buildCli()]);
  project.provide('cliBuildError', buildError);
  // Set only now: a dockerd started above must not keep a temporary directory that the teardown removes.
  const scratch = await mkdtemp(join(tmpdir(), 'cgtest-run-'));
  // Like /tmp: tests that run a step as an unprivileged user create their own directories below it.
  await chmod(scratch, 0o1777);
  process.env.TMPDIR = scratch;
  return async () => {
    await rm(scratch, { recursive: true, force: true });
  };
}
