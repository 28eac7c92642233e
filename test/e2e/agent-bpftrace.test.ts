// The runtime agent end to end on the real engine with the real bpftrace sensor: scenarios run inside a busybox
// container each raise the right alert for the right container within 2 s.
import { execFile } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertLine } from '../../src/pipeline/alert-aggregator.js';
import { runWatch, type WatchSummary } from '../../src/pipeline/watch.js';
import { checkBpftrace } from '../../src/runtime/sensor/index.js';
import { buildBusyboxImage, ensureEngine, removeTestObjects, testDocker } from '../support/engine.js';

const run = promisify(execFile);
const PREFIX = 'cgtest-agent-';
const IMAGE = `${PREFIX}busybox:1`;
const ALERT_WITHIN_MS = 2_000;
const AGGREGATE_WINDOW_MS = 3_000;
const REPEATS = 6;

const unavailable = await checkBpftrace();

async function docker(...args: string[]): Promise<string> {
  const { stdout } = await run('docker', args, {
    env: { ...process.env, DOCKER_API_VERSION: '1.41' },
    timeout: 30_000,
  });
  return stdout;
}

describe.skipIf(unavailable !== undefined)(
  `agent with bpftrace${unavailable ? ` (skipped: ${unavailable})` : ''}`,
  () => {
    const alerts: AlertLine[] = [];
    const waiters = new Set<() => void>();
    const controller = new AbortController();
    let watching: Promise<WatchSummary>;
    let containerId: string;
    let otherId: string;

    /** The first alert of `rule` for the container after `since`, or a failure after the 2 s budget. */
    async function alertFor(rule: string, id: string, since: number): Promise<AlertLine> {
      const deadline = since + ALERT_WITHIN_MS;
      for (;;) {
        const found = alerts.find(
          (a) => a.rule === rule && a.container.id === id && Date.parse(a.time) >= since - 50,
        );
        if (found) return found;
        const left = deadline - Date.now();
        if (left <= 0) {
          throw new Error(
            `no "${rule}" alert for ${id.slice(0, 12)} within ${ALERT_WITHIN_MS} ms; got: ${alerts.map((a) => a.rule).join(', ')}`,
          );
        }
        await new Promise<void>((resolve) => {
          const wake = () => {
            waiters.delete(wake);
            resolve();
          };
          waiters.add(wake);
          setTimeout(wake, left);
        });
      }
    }

    beforeAll(async () => {
      await ensureEngine();
      await removeTestObjects(PREFIX);
      await buildBusyboxImage(IMAGE);
      const d = await testDocker();
      const start = async (name: string) => {
        const c = await d.createContainer({ name, Image: IMAGE, Cmd: ['sleep', '600'] });
        await c.start();
        return c.id;
      };
      containerId = await start(`${PREFIX}target`);
      otherId = await start(`${PREFIX}bystander`);
      // Prepared before the agent starts: a shadow file to read and a miner binary not in the image.
      await docker('exec', containerId, '/bin/sh', '-c', 'echo "root:*:19000:0:99999:7:::" > /etc/shadow');
      await docker('cp', '/usr/bin/busybox', `${containerId}:/tmp/xmrig`);

      const output = new PassThrough();
      let buffered = '';
      output.on('data', (chunk: Buffer) => {
        buffered += chunk.toString('utf8');
        let nl = buffered.indexOf('\n');
        while (nl >= 0) {
          alerts.push(JSON.parse(buffered.slice(0, nl)) as AlertLine);
          buffered = buffered.slice(nl + 1);
          nl = buffered.indexOf('\n');
        }
        for (const wake of [...waiters]) wake();
      });
      let markReady: () => void = () => {};
      const ready = new Promise<void>((resolve) => {
        markReady = resolve;
      });
      watching = runWatch({
        output,
        signal: controller.signal,
        kernelSensor: 'bpftrace',
        aggregateWindowMs: AGGREGATE_WINDOW_MS,
        onReady: markReady,
      });
      await Promise.race([ready, watching]);
    }, 120_000);

    afterAll(async () => {
      controller.abort();
      const summary = await watching?.catch(() => undefined);
      await removeTestObjects(PREFIX);
      // Stopped cleanly: no bpftrace child of ours is left.
      expect(summary?.sensors.every((s) => s.state === 'stopped')).toBe(true);
      const { stdout } = await run('ps', ['-o', 'pid=', '--ppid', String(process.pid)]).catch(() => ({
        stdout: '',
      }));
      for (const pid of stdout.split('\n').filter((l) => l.trim() !== '')) {
        const comm = await run('ps', ['-o', 'comm=', '-p', pid.trim()]).then(
          (r) => r.stdout.trim(),
          () => '',
        );
        expect(comm).not.toBe('bpftrace');
      }
    }, 60_000);

    it('reports a shell spawned by docker exec, and a write below /etc', async () => {
      const since = Date.now();
      await docker('exec', containerId, '/bin/sh', '-c', 'echo hello > /etc/cgtest-written.conf');
      const shell = await alertFor('Shell started in container', containerId, since);
      expect(shell.container).toEqual({ id: containerId, name: `${PREFIX}target`, image: IMAGE });
      expect(shell.fields['proc.name']).toBe('sh');
      expect(shell.fields['user.name']).toBe('root');
      expect(shell.priority).toBe('notice');
      const write = await alertFor('Write below etc in container', containerId, since);
      expect(write.fields['fd.name']).toBe('/etc/cgtest-written.conf');
      expect(write.output).toContain('/etc/cgtest-written.conf');
      expect(alerts.some((a) => a.container.id === otherId)).toBe(false);
    });

    it('reports a read of /etc/shadow', async () => {
      const since = Date.now();
      await docker('exec', containerId, '/bin/cat', '/etc/shadow');
      const read = await alertFor('Sensitive file read in container', containerId, since);
      expect(read.fields['fd.name']).toBe('/etc/shadow');
      expect(read.fields['proc.name']).toBe('cat');
      expect(read.priority).toBe('warning');
    });

    it('reports a miner binary that is not in the image', async () => {
      const since = Date.now();
      // busybox under another name: runs, says the applet is unknown, exits 127; the exec itself is what counts.
      await docker('exec', containerId, '/tmp/xmrig', '--donate-level', '1').catch(() => undefined);
      const miner = await alertFor('Crypto miner started', containerId, since);
      expect(miner.fields['proc.name']).toBe('xmrig');
      expect(miner.priority).toBe('critical');
      const drift = await alertFor('Executable not from image run in container', containerId, since);
      expect(drift.output).toContain('/tmp/xmrig');
    });

    it('reports a fake miner named xmrig connecting to a pool port on a bridge network the test made', async () => {
      const network = `${PREFIX}net`;
      await docker('network', 'create', network);
      await docker(
        'run',
        '-d',
        '--name',
        `${PREFIX}pool`,
        '--network',
        network,
        IMAGE,
        'sh',
        '-c',
        'while true; do nc -l -p 3333 </dev/null; done',
      );
      await docker('network', 'connect', network, containerId);
      const since = Date.now();
      // The miner binary runs busybox's nc under its own name: the process is xmrig, the connection is real.
      await docker(
        'exec',
        containerId,
        'sh',
        '-c',
        `exec -a nc /tmp/xmrig -w 2 ${PREFIX}pool 3333 </dev/null`,
      );
      const pool = await alertFor('Connection to mining pool port', containerId, since);
      expect(pool.fields['proc.name']).toBe('xmrig');
      expect(String(pool.fields['fd.name'])).toMatch(/:3333$/);
      expect(pool.priority).toBe('critical');
    });

    it('aggregates repeats of the same alert into lines with count and first/last seen', async () => {
      for (let i = 0; i < REPEATS; i++) await docker('exec', containerId, '/bin/cat', '/etc/shadow');
      const reads = () =>
        alerts.filter((a) => a.rule === 'Sensitive file read in container' && a.container.id === containerId);
      const summarised = () => reads().reduce((n, a) => n + (a.count > 1 ? a.count : 0), 0);
      const deadline = Date.now() + AGGREGATE_WINDOW_MS + 3_000;
      while (summarised() < REPEATS && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(summarised()).toBeGreaterThanOrEqual(REPEATS);
      const summary = reads().find((a) => a.count > 1);
      expect(Date.parse(summary?.lastSeen ?? '')).toBeGreaterThan(Date.parse(summary?.firstSeen ?? ''));
      // One read earlier plus the repeats, in at most four lines: a first line and a summary per distinct output
      // (the parent shows as runc or containerd-shim, depending on which wins a race in docker exec).
      expect(reads().length).toBeLessThanOrEqual(4);
    });

    it("names the user from the container's own passwd, not the host's", async () => {
      const since = Date.now();
      // uid 1000 is `app` in the test image; the host has no such user, or another one.
      await docker('exec', '-u', '1000', containerId, '/bin/cat', '/etc/shadow');
      const isApp = (a: AlertLine) =>
        a.rule === 'Sensitive file read in container' &&
        a.container.id === containerId &&
        a.fields['user.name'] === 'app';
      while (!alerts.some(isApp) && Date.now() - since < ALERT_WITHIN_MS)
        await new Promise((r) => setTimeout(r, 25));
      const read = alerts.find(isApp);
      expect(read?.output).toContain('user=app');
      expect(read?.fields['user.uid']).toBe(1000);
    });
  },
);
