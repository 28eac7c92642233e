// Records the engine's inspect JSON of every flawed container and the hardened one into the CIS checks' fixtures,
// so check logic can be unit-tested without an engine. Rerun after changing flawed-containers.ts:
//   npx tsx test/support/record-inspect.ts
// Environment values are dropped (names kept) before anything is written.
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ensureEngine, removeTestObjects, testDocker } from './engine.js';
import { createFlawedContainers } from './flawed-containers.js';

const PREFIX = 'cgtest-record-';
const OUT = resolve(import.meta.dirname, '../../src/checks/cis-docker/__fixtures__/inspect');
const HEALTHY_WAIT_MS = 30_000;

/** Keeps variable names only: `PATH=/usr/bin` becomes `PATH`. */
export function stripEnvValues(inspect: Record<string, unknown>): Record<string, unknown> {
  const config = inspect.Config as { Env?: string[] | null } | undefined;
  if (!config?.Env) return inspect;
  return { ...inspect, Config: { ...config, Env: config.Env.map((e) => e.split('=', 1)[0] ?? '') } };
}

async function waitUntilHealthy(id: string): Promise<void> {
  const docker = await testDocker();
  const deadline = Date.now() + HEALTHY_WAIT_MS;
  while (Date.now() < deadline) {
    const inspect = await docker.getContainer(id).inspect();
    if (inspect.State.Health?.Status === 'healthy') return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`container ${id} did not become healthy within ${HEALTHY_WAIT_MS / 1000} s`);
}

async function main(): Promise<void> {
  await ensureEngine();
  const docker = await testDocker();
  await removeTestObjects(PREFIX);
  try {
    const containers = await createFlawedContainers(PREFIX);
    // Recorded once healthy, so the fixtures show a running container's state as a scan would see it.
    await waitUntilHealthy(containers.hardened.id);
    await mkdir(OUT, { recursive: true });
    for (const [key, { id }] of Object.entries(containers)) {
      const inspect = (await docker.getContainer(id).inspect()) as unknown as Record<string, unknown>;
      await writeFile(join(OUT, `${key}.json`), `${JSON.stringify(stripEnvValues(inspect), null, 2)}\n`);
    }
    process.stdout.write(`Recorded ${Object.keys(containers).length} inspect fixtures in ${OUT}\n`);
  } finally {
    await removeTestObjects(PREFIX);
  }
}

await main();
