// The runtime agent with the /proc scan fallback (what runs where bpftrace cannot): it says so, still reports
// `docker exec` shells through the engine's events, and cannot see file activity.
import { execFile } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertLine } from '../../src/pipeline/alert-aggregator.js';
import { runWatch, type WatchSummary } from '../../src/pipeline/watch.js';
import type { SensorStatus } from '../../src/runtime/sensor/index.js';
import { buildBusyboxImage, ensureEngine, removeTestObjects, testDocker } from '../support/engine.js';

const run = promisify(execFile);
const PREFIX = 'cgtest-agentps-';
const IMAGE = `${PREFIX}busybox:1`;

async function docker(...args: string[]): Promise<void> {
  await run('docker', args, { env: { ...process.env, DOCKER_API_VERSION: '1.41' }, timeout: 30_000 });
}

describe('agent with the /proc scan fallback', () => {
  const alerts: AlertLine[] = [];
  const controller = new AbortController();
  let watching: Promise<WatchSummary>;
  let statuses: readonly SensorStatus[] = [];
  let containerId: string;

  beforeAll(async () => {
    await ensureEngine();
    await removeTestObjects(PREFIX);
    await buildBusyboxImage(IMAGE);
    const c = await (await testDocker()).createContainer({
      name: `${PREFIX}target`,
      Image: IMAGE,
      Cmd: ['sleep', '600'],
    });
    await c.start();
    containerId = c.id;
    const output = new PassThrough();
    let buffered = '';
    output.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) alerts.push(JSON.parse(line) as AlertLine);
    });
    let markReady: () => void = () => {};
    const ready = new Promise<void>((resolve) => {
      markReady = resolve;
    });
    watching = runWatch({
      output,
      signal: controller.signal,
      kernelSensor: 'proc-scan',
      onReady: (s) => {
        statuses = s;
        markReady();
      },
    });
    await Promise.race([ready, watching]);
  }, 60_000);

  afterAll(async () => {
    controller.abort();
    await watching?.catch(() => undefined);
    await removeTestObjects(PREFIX);
  }, 60_000);

  it('says it is a fallback and what it cannot see', () => {
    expect(statuses.map((s) => s.id)).toEqual(['proc-scan', 'docker-events']);
    expect(statuses[0]?.note).toMatch(/fallback \(proc-scan requested\)/);
    expect(statuses[0]?.note).toMatch(/not files, network or privilege changes/);
  });

  it('reports a shell started by docker exec within 2 s, and nothing of the write it makes', async () => {
    const since = Date.now();
    await docker('exec', containerId, '/bin/sh', '-c', 'echo x > /etc/cgtest-unseen; sleep 1');
    const deadline = since + 2_000;
    const isShell = (a: AlertLine) =>
      a.rule === 'Shell started in container' && a.container.id === containerId;
    while (!alerts.some(isShell) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const shell = alerts.find(isShell);
    expect(shell?.fields['proc.cmdline']).toBe('sh -c echo x > /etc/cgtest-unseen; sleep 1');
    expect(shell?.container).toEqual({ id: containerId, name: `${PREFIX}target`, image: IMAGE });
    expect(alerts.some((a) => a.rule === 'Write below etc in container')).toBe(false);
  });
});
