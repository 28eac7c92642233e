// Baselines on the real engine with the real bpftrace sensor: what a container of an image does during its learning
// window is stored (and shown by `coastguard baseline show`); after it, a binary the image never ran raises an
// alert for the right container within 2 s.
import { execFile } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertLine } from '../../src/pipeline/alert-aggregator.js';
import { runWatch, type WatchSummary } from '../../src/pipeline/watch.js';
import { checkBpftrace } from '../../src/runtime/sensor/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { makeHome, requireBuiltCli, runCli } from '../support/cli.js';
import { buildBusyboxImage, ensureEngine, removeTestObjects } from '../support/engine.js';

const run = promisify(execFile);
const PREFIX = 'cgtest-baseline-';
const LEARN_MS = 3_000;
const ALERT_WITHIN_MS = 2_000;
const unavailable = await checkBpftrace();

async function docker(...args: string[]): Promise<string> {
  const { stdout } = await run('docker', args, {
    env: { ...process.env, DOCKER_API_VERSION: '1.41' },
    timeout: 30_000,
  });
  return stdout.trim();
}

describe.skipIf(unavailable !== undefined)(
  `baselines with bpftrace${unavailable ? ` (skipped: ${unavailable})` : ''}`,
  () => {
    const alerts: AlertLine[] = [];
    const controller = new AbortController();
    let watching: Promise<WatchSummary>;
    let store: Store;
    let home: string;
    let id: string;

    beforeAll(async () => {
      requireBuiltCli();
      await ensureEngine();
      home = await makeHome();
      store = await openStore({ home });
      const image = await buildBusyboxImage(`${PREFIX}busybox:1`);
      id = await docker('run', '-d', '--name', `${PREFIX}web`, '--network', 'none', image, 'sleep', '600');
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
        kernelSensor: 'bpftrace',
        aggregateWindowMs: 0,
        baseline: { store: store.runtime, learnMs: LEARN_MS },
        onReady: () => ready(),
      });
      await isReady;
    }, 60_000);

    afterAll(async () => {
      controller.abort();
      await watching?.catch(() => undefined);
      await store?.close();
      await removeTestObjects(PREFIX);
    });

    it('learns, stores, shows, then alerts on a binary the image never ran (a copy named true in /tmp)', async () => {
      const learningStarted = Date.now();
      await docker('exec', `${PREFIX}web`, 'sh', '-c', 'cat /etc/passwd >/dev/null; true');
      // Past the window (counted from the image's first event, which came after learningStarted).
      await new Promise((r) => setTimeout(r, LEARN_MS + 1_000 - (Date.now() - learningStarted)));

      const since = Date.now();
      await docker('exec', `${PREFIX}web`, 'sh', '-c', 'busybox cp -p /bin/busybox /tmp/true && /tmp/true');
      let alert: AlertLine | undefined;
      while (alert === undefined && Date.now() - since < ALERT_WITHIN_MS) {
        alert = alerts.find(
          (a) => a.rule === 'Unexpected process for image' && a.fields['baseline.value'] === '/tmp/true',
        );
        await new Promise((r) => setTimeout(r, 25));
      }
      expect(alert, alerts.map((a) => `${a.rule}: ${a.output}`).join('\n')).toBeDefined();
      expect(alert?.container.id).toBe(id);
      // What was learnt raises nothing afterwards.
      await docker('exec', `${PREFIX}web`, 'sh', '-c', 'cat /etc/passwd >/dev/null; true');
      await new Promise((r) => setTimeout(r, 500));
      expect(
        alerts.filter(
          (a) => a.rule === 'Unexpected process for image' && a.fields['baseline.value'] === '/bin/sh',
        ),
      ).toEqual([]);

      await new Promise((r) => setTimeout(r, 1_200));
      const shown = await runCli(['baseline', 'show', '--format', 'json'], { COASTGUARD_HOME: home });
      expect(shown.code, shown.stderr).toBe(0);
      const [baseline] = JSON.parse(shown.stdout) as {
        imageName: string;
        items: { kind: string; value: string }[];
      }[];
      expect(baseline?.imageName).toBe(`${PREFIX}busybox:1`);
      expect(baseline?.items).toEqual(
        expect.arrayContaining([{ kind: 'process', value: '/bin/sh', firstSeen: expect.any(String) }]),
      );
      expect(baseline?.items.some((i) => i.value === '/tmp/true')).toBe(false);
      const detail = await runCli(['baseline', 'show', `${PREFIX}busybox:1`], { COASTGUARD_HOME: home });
      expect(detail.stdout).toMatch(/^process\s+\/bin\/sh\s+\d{4}-/m);
      const table = await runCli(['baseline', 'show'], { COASTGUARD_HOME: home });
      expect(table.stdout).toMatch(new RegExp(`${PREFIX}busybox:1\\s+sha256:\\S+\\s+learnt\\s+[1-9]`));
    });
  },
);
