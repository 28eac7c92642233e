// Runs once before the suite: a Docker engine must answer (started when we are root and none does), and the CLI
// must be built, because end-to-end tests run bin/coastguard.js exactly as a user would.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { ensureEngine } from './engine.js';

const run = promisify(execFile);

export default async function setup(): Promise<void> {
  const root = resolve(import.meta.dirname, '../..');
  await Promise.all([
    ensureEngine(),
    run(process.execPath, [resolve(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
      cwd: root,
    }),
  ]);
}
