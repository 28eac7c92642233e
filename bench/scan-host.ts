// Benchmark: `coastguard scan` with 50 and 200 running containers, against `docker inspect` of the same containers
// from the docker CLI in the same run. Prints the ratio (target ≤ 1.5×). Not a test: the machine is noisy, so we
// report medians of several alternating runs rather than asserting a time. Also times the floors under any Node
// command: Node starting and exiting, and a bare Node script that only lists and inspects the same containers.
//
//   npm run build && npm run bench:scan-host [-- --sizes 50,200 --runs 5]
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs, promisify } from 'node:util';
import { buildBusyboxImage, ensureEngine, removeTestObjects } from '../test/support/engine.js';

const run = promisify(execFile);
const PREFIX = 'cgbench-';
const CLI = resolve(import.meta.dirname, '../bin/coastguard.js');
const FLOOR = resolve(import.meta.dirname, 'support/inspect-floor.mjs');
const env = { ...process.env, DOCKER_API_VERSION: process.env.DOCKER_API_VERSION ?? '1.41' };

const { values } = parseArgs({
  options: { sizes: { type: 'string', default: '50,200' }, runs: { type: 'string', default: '5' } },
});
const sizes = (values.sizes ?? '').split(',').map(Number);
const runs = Number(values.runs);

async function docker(args: string[]): Promise<string> {
  const { stdout } = await run('docker', args, { env, maxBuffer: 256 * 1024 * 1024 });
  return stdout;
}

/**
 * Starts containers until `count` with our prefix run, a few at a time (2 cores: more in parallel only thrashes);
 * removes ours beyond `count` (left by an earlier, interrupted run).
 */
async function scaleTo(count: number, image: string): Promise<string[]> {
  const existing = (await docker(['ps', '-aq', '--filter', `name=^${PREFIX}`])).split('\n').filter(Boolean);
  const surplus = existing.splice(count);
  if (surplus.length > 0) await docker(['rm', '-f', ...surplus]);
  // Names unique to this call, so they cannot clash with the ones kept.
  const batch = Date.now().toString(36);
  const todo = Array.from({ length: Math.max(0, count - existing.length) }, (_, i) => `${batch}-${i}`);
  for (let i = 0; i < todo.length; i += 4) {
    await Promise.all(
      todo
        .slice(i, i + 4)
        .map((n) =>
          docker(['run', '-d', '--name', `${PREFIX}${n}`, '--network', 'none', image, 'sleep', '86400']),
        ),
    );
  }
  return (await docker(['ps', '-q', '--no-trunc', '--filter', `name=^${PREFIX}`]))
    .split('\n')
    .filter(Boolean);
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function main(): Promise<void> {
  await ensureEngine();
  const image = await buildBusyboxImage(`${PREFIX}busybox:1`);
  const home = await mkdtemp(join(tmpdir(), 'cgbench-home-'));
  // Medians per size, to separate the fixed start-up cost from the cost per container.
  const medians: { size: number; inspect: number; scans: Record<string, number> }[] = [];
  try {
    for (const size of sizes) {
      const ids = await scaleTo(size, image);
      const total = (await docker(['ps', '-aq'])).split('\n').filter(Boolean).length;
      const scan = (extra: string[]) => () =>
        run('node', [CLI, 'scan', '--format', 'json', ...extra], {
          env: { ...env, COASTGUARD_HOME: home },
          maxBuffer: 512 * 1024 * 1024,
        });
      const variants = {
        'scan --no-store': scan(['--no-store']),
        'scan (recorded)': scan([]),
        // Not a scan: Node listing and inspecting the containers, nothing else (see support/inspect-floor.mjs).
        'node floor': () => run('node', [FLOOR], { env, maxBuffer: 64 * 1024 * 1024 }),
        // Not a scan either: Node starting and exiting, the cost under every Node program before it does anything.
        'node start': () => run('node', ['-e', '']),
      };
      const inspect = () => docker(['inspect', ...ids]);
      await variants['scan (recorded)'](); // warm the page cache, the engine's image store and the database
      const times: Record<string, number[]> = Object.fromEntries(
        ['inspect', ...Object.keys(variants)].map((name) => [name, []]),
      );
      for (let i = 0; i < runs; i += 1) {
        times.inspect?.push(await time(inspect));
        for (const [name, fn] of Object.entries(variants)) times[name]?.push(await time(fn));
      }
      const baseline = median(times.inspect ?? []);
      console.log(
        `scan-host ${size} running (${total} on the engine): docker inspect ${baseline.toFixed(0)} ms`,
      );
      medians.push({ size, inspect: baseline, scans: {} });
      for (const name of Object.keys(variants)) {
        const ms = median(times[name] ?? []);
        const row = medians.at(-1);
        if (row) row.scans[name] = ms;
        console.log(
          `  ${name.padEnd(16)} ${ms.toFixed(0).padStart(6)} ms  ratio ${(ms / baseline).toFixed(2)}× (target ≤ 1.50×)`,
        );
      }
    }
    const [first, last] = [medians[0], medians.at(-1)];
    if (first && last && last.size > first.size) {
      const inspectPerContainer = (last.inspect - first.inspect) / (last.size - first.size);
      for (const name of Object.keys(last.scans)) {
        const scanPerContainer =
          ((last.scans[name] ?? 0) - (first.scans[name] ?? 0)) / (last.size - first.size);
        console.log(
          `marginal ${name}: ${scanPerContainer.toFixed(2)} ms per container vs docker inspect ` +
            `${inspectPerContainer.toFixed(2)} ms, ratio ${(scanPerContainer / inspectPerContainer).toFixed(2)}×`,
        );
      }
    }
  } finally {
    await rm(home, { recursive: true, force: true });
    await removeTestObjects(PREFIX);
  }
}

await main();
