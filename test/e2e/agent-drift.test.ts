// Fleet drift on the real engine: the watch (engine events; the /proc fallback as kernel sensor, which drift does
// not need) raises an alert within 2 s for a container whose image is not expected, and for a service whose tag
// now points at another image.
import { execFile } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertLine } from '../../src/pipeline/alert-aggregator.js';
import { runWatch, type WatchSummary } from '../../src/pipeline/watch.js';
import { IMAGE_CHANGED_RULE, ROGUE_CONTAINER_RULE } from '../../src/runtime/drift/fleet-drift.js';
import { buildBusyboxImage, ensureEngine, removeTestObjects } from '../support/engine.js';

const run = promisify(execFile);
const PREFIX = 'cgtest-drift-';
const ALERT_WITHIN_MS = 2_000;

async function docker(...args: string[]): Promise<string> {
  const { stdout } = await run('docker', args, {
    env: { ...process.env, DOCKER_API_VERSION: '1.41' },
    timeout: 30_000,
  });
  return stdout.trim();
}

describe('fleet drift in the agent', () => {
  const alerts: AlertLine[] = [];
  const controller = new AbortController();
  let watching: Promise<WatchSummary>;

  async function alertFor(rule: string, id: string, since: number): Promise<AlertLine> {
    for (;;) {
      const found = alerts.find((a) => a.rule === rule && a.container.id === id);
      if (found) return found;
      if (Date.now() - since > ALERT_WITHIN_MS) {
        throw new Error(
          `no "${rule}" for ${id.slice(0, 12)} within ${ALERT_WITHIN_MS} ms: ${alerts.map((a) => a.rule)}`,
        );
      }
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  beforeAll(async () => {
    await ensureEngine();
    const base = await buildBusyboxImage(`${PREFIX}expected:1`);
    await docker('tag', base, `${PREFIX}rogue:1`);
    await docker('tag', base, `${PREFIX}expected:svc`);
    const output = new PassThrough();
    let buffered = '';
    output.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) alerts.push(JSON.parse(line) as AlertLine);
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
      drift: { expectedImages: [`${PREFIX}expected*`] },
      onReady: () => ready(),
    });
    await isReady;
  }, 60_000);

  afterAll(async () => {
    controller.abort();
    await watching?.catch(() => undefined);
    await removeTestObjects(PREFIX);
  });

  it('raises an alert for a container started from an image nobody expects, and none for an expected one', async () => {
    const since = Date.now();
    const rogue = await docker(
      'run',
      '-d',
      '--name',
      `${PREFIX}miner`,
      '--network',
      'none',
      `${PREFIX}rogue:1`,
      'sleep',
      '600',
    );
    const fine = await docker(
      'run',
      '-d',
      '--name',
      `${PREFIX}fine`,
      '--network',
      'none',
      `${PREFIX}expected:1`,
      'sleep',
      '600',
    );
    const alert = await alertFor(ROGUE_CONTAINER_RULE, rogue, since);
    expect(alert).toMatchObject({
      priority: 'critical',
      container: { name: `${PREFIX}miner`, image: `${PREFIX}rogue:1` },
    });
    await new Promise((r) => setTimeout(r, 500));
    expect(alerts.filter((a) => a.container.id === fine)).toEqual([]);
  });

  it('raises an alert when a service comes back with its tag pointing at another image', async () => {
    const name = `${PREFIX}svc`;
    const first = await docker(
      'run',
      '-d',
      '--name',
      name,
      '--network',
      'none',
      `${PREFIX}expected:svc`,
      'sleep',
      '600',
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(alerts.filter((a) => a.container.id === first)).toEqual([]);
    // The tag moves to a new image id, and the service is recreated from the same reference.
    await docker('commit', '--change', 'LABEL drifted=yes', name, `${PREFIX}expected:svc`);
    await docker('rm', '-f', name);
    const since = Date.now();
    const second = await docker(
      'run',
      '-d',
      '--name',
      name,
      '--network',
      'none',
      `${PREFIX}expected:svc`,
      'sleep',
      '600',
    );
    const alert = await alertFor(IMAGE_CHANGED_RULE, second, since);
    expect(alert.fields['drift.service']).toBe(name);
    expect(alert.output).toMatch(new RegExp(`Service ${name} now runs ${PREFIX}expected:svc as sha256:`));
  });
});
