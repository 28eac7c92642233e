// Falco's JSON output as an input of the watch, on the real engine: a Falco alert naming a container by its
// 12-character id comes out as our alert line with the container's full id, name and image.
import { execFile } from 'node:child_process';
import { appendFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertLine } from '../../src/pipeline/alert-aggregator.js';
import { runWatch, type WatchSummary } from '../../src/pipeline/watch.js';
import { makeHome } from '../support/cli.js';
import { buildBusyboxImage, ensureEngine, removeTestObjects } from '../support/engine.js';

const run = promisify(execFile);
const PREFIX = 'cgtest-falcoin-';

async function docker(...args: string[]): Promise<string> {
  const { stdout } = await run('docker', args, { env: { ...process.env, DOCKER_API_VERSION: '1.41' } });
  return stdout.trim();
}

describe('Falco JSON input in the agent', () => {
  const alerts: AlertLine[] = [];
  const diagnostics: string[] = [];
  const controller = new AbortController();
  let watching: Promise<WatchSummary>;
  let file: string;

  beforeAll(async () => {
    await ensureEngine();
    file = join(await makeHome(), 'falco.json');
    await writeFile(file, '');
    const output = new PassThrough();
    output.on('data', (chunk: Buffer) => {
      for (const l of chunk.toString().split('\n').filter(Boolean)) alerts.push(JSON.parse(l) as AlertLine);
    });
    let ready: () => void = () => {};
    const isReady = new Promise<void>((done) => {
      ready = done;
    });
    watching = runWatch({
      output,
      signal: controller.signal,
      kernelSensor: 'proc-scan',
      aggregateWindowMs: 0,
      falcoInput: file,
      onDiagnostic: (d) => diagnostics.push(d),
      onReady: () => ready(),
    });
    await isReady;
  }, 60_000);

  afterAll(async () => {
    controller.abort();
    const summary = await watching.catch(() => undefined);
    expect(summary?.sensors.find((s) => s.id === 'falco-json')).toMatchObject({
      events: 1,
      state: 'stopped',
    });
    await removeTestObjects(PREFIX);
  });

  it('passes Falco alerts through, attributed to the full container, and reports malformed lines', async () => {
    const image = await buildBusyboxImage(`${PREFIX}busybox:1`);
    const id = await docker(
      'run',
      '-d',
      '--name',
      `${PREFIX}web`,
      '--network',
      'none',
      image,
      'sleep',
      '600',
    );
    const falco = {
      time: new Date().toISOString(),
      rule: 'Terminal shell in container',
      priority: 'Notice',
      output: `A shell was spawned in a container (container_id=${id.slice(0, 12)})`,
      output_fields: { 'container.id': id.slice(0, 12), 'proc.cmdline': 'sh -i' },
      tags: ['shell'],
    };
    await appendFile(file, `${JSON.stringify(falco)}\n{"broken":\n`);
    for (let i = 0; i < 100 && alerts.length === 0; i += 1) await new Promise((r) => setTimeout(r, 20));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      rule: 'Terminal shell in container',
      priority: 'notice',
      tags: ['shell', 'falco'],
      container: { id, name: `${PREFIX}web`, image: `${PREFIX}busybox:1` },
      fields: { 'proc.cmdline': 'sh -i' },
    });
    expect(diagnostics.some((d) => d.includes('falco.json: a line is not a Falco alert'))).toBe(true);
  });
});
