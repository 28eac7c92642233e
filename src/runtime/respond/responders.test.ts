// Responders on the real engine: pause really pauses, isolate really disconnects (and can be undone), stop and kill
// really end the container, notify hands the alert on; failures are records, never rejections.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildBusyboxImage,
  ensureEngine,
  removeTestObjects,
  testDocker,
} from '../../../test/support/engine.js';
import { loadOrCreateSigner } from '../../audit/index.js';
import type { EngineClient } from '../../collect/docker/engine-client.js';
import type { ContainerRef } from '../../core/runtime/action-record.js';
import type { Alert } from '../../core/runtime/alert.js';
import {
  type DisconnectedNetwork,
  type ResponseContext,
  RunbookStep,
  reconnectNetworks,
  responders,
} from './index.js';

const PREFIX = 'cgtest-h6a-rs-';
const IMAGE = `${PREFIX}busybox:1`;

const ALERT: Alert = {
  time: '2026-11-22T00:00:00.000Z',
  rule: 'Test rule',
  priority: 'warning',
  output: 'test',
  tags: [],
  container: { id: '', name: null, image: null },
  fields: {},
};

/** Runs a command in the container; resolves with its exit code and combined output. */
async function execIn(id: string, cmd: string[]): Promise<{ exitCode: number | null; output: string }> {
  const exec = await (await testDocker())
    .getContainer(id)
    .exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true });
  const stream = await exec.start({});
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  await new Promise((resolve) => stream.on('end', resolve));
  return { exitCode: (await exec.inspect()).ExitCode, output: Buffer.concat(chunks).toString('latin1') };
}

describe('responders', () => {
  let client: EngineClient;
  let docker: Docker;
  let home: string;

  beforeAll(async () => {
    client = await ensureEngine();
    docker = await testDocker();
    await removeTestObjects(PREFIX);
    await buildBusyboxImage(IMAGE);
    home = await mkdtemp(join(tmpdir(), 'cgtest-h6a-home-'));
  }, 120_000);

  afterAll(async () => {
    await removeTestObjects(PREFIX);
    if (home) await rm(home, { recursive: true, force: true });
  });

  function context(step: unknown, notify?: ResponseContext['notify']): ResponseContext {
    return {
      client,
      alert: ALERT,
      step: RunbookStep.parse(step),
      home,
      signer: loadOrCreateSigner(home),
      keepPaused: false,
      ...(notify === undefined ? {} : { notify }),
      now: () => new Date(),
    };
  }

  async function startContainer(
    name: string,
    extra: Docker.ContainerCreateOptions = {},
  ): Promise<ContainerRef> {
    const c = await docker.createContainer({
      name: `${PREFIX}${name}`,
      Image: IMAGE,
      Cmd: ['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 1; done'],
      ...extra,
    });
    await c.start();
    return { id: c.id, name: `${PREFIX}${name}`, image: IMAGE };
  }

  it('pause freezes the container, and pausing again is still done', async () => {
    const target = await startContainer('pause');
    const record = await responders.pause.run(target, context({ action: 'pause' }));
    expect(record).toMatchObject({ action: 'pause', outcome: 'done', isDryRun: false, target });
    expect((await docker.getContainer(target.id).inspect()).State.Paused).toBe(true);
    const again = await responders.pause.run(target, context({ action: 'pause' }));
    expect(again.outcome).toBe('done');
    expect(again.detail).toMatch(/already paused/);
  });

  it('isolate disconnects every network so a listener is unreachable, records them, and can be undone', async () => {
    const net = `${PREFIX}net`;
    await docker.createNetwork({ Name: net, Driver: 'bridge' });
    const second = await docker.createNetwork({ Name: `${PREFIX}net2`, Driver: 'bridge' });
    const listener = await docker.createContainer({
      name: `${PREFIX}listener`,
      Image: IMAGE,
      Cmd: ['/bin/busybox', 'httpd', '-f', '-p', '8080', '-h', '/etc'],
      HostConfig: { NetworkMode: net },
    });
    await listener.start();
    const listenerIp = (await docker.getContainer(listener.id).inspect()).NetworkSettings.Networks[net]
      ?.IPAddress;
    const target = await startContainer('isolate', {
      HostConfig: { NetworkMode: net },
      NetworkingConfig: { EndpointsConfig: { [net]: { Aliases: ['suspect'] } } },
    });
    await second.connect({ Container: target.id });
    // busybox nc, not wget: this static busybox's wget crashes on a timeout.
    const fetch = () =>
      execIn(target.id, [
        'sh',
        '-c',
        `printf 'GET /passwd HTTP/1.0\\r\\n\\r\\n' | nc -w 2 ${listenerIp} 8080`,
      ]);
    // The listener may still be starting: wait until it answers, at most 5 s.
    let reply = await fetch();
    for (let i = 0; i < 25 && !reply.output.includes('root:x:0:0'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      reply = await fetch();
    }
    expect(reply.output).toContain('root:x:0:0');

    const record = await responders.isolate.run(target, context({ action: 'isolate' }));
    expect(record.outcome).toBe('done');
    const networks = record.data.networks as DisconnectedNetwork[];
    expect(networks.map((n) => n.name).sort()).toEqual([net, `${PREFIX}net2`]);
    expect(networks.find((n) => n.name === net)?.aliases).toContain('suspect');
    expect(networks[0]?.ipv4).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    const after = await docker.getContainer(target.id).inspect();
    expect(Object.keys(after.NetworkSettings.Networks)).toEqual([]);
    expect(after.State.Running).toBe(true);
    expect((await fetch()).output).not.toContain('root:x:0:0');

    await reconnectNetworks(client, target.id, networks);
    const restored = (await docker.getContainer(target.id).inspect()).NetworkSettings.Networks;
    expect(Object.keys(restored).sort()).toEqual([net, `${PREFIX}net2`]);
    expect(restored[net]?.Aliases).toContain('suspect');
    expect((await fetch()).output).toContain('root:x:0:0');
  });

  it('kill sends the configured signal', async () => {
    const target = await startContainer('kill');
    const record = await responders.kill.run(target, context({ action: 'kill' }));
    expect(record).toMatchObject({ outcome: 'done', data: { signal: 'SIGKILL' } });
    const state = (await docker.getContainer(target.id).wait()) as { StatusCode: number };
    expect(state.StatusCode).toBe(137);

    const termed = await startContainer('kill-term');
    await responders.kill.run(termed, context({ action: 'kill', signal: 'SIGTERM' }));
    // The script traps TERM and exits 0: the signal asked for is the one delivered.
    expect(((await docker.getContainer(termed.id).wait()) as { StatusCode: number }).StatusCode).toBe(0);
  });

  it('kill of a container that is not running is a failed record, not a rejection', async () => {
    const target = await startContainer('kill-twice');
    await responders.kill.run(target, context({ action: 'kill' }));
    await docker.getContainer(target.id).wait();
    const record = await responders.kill.run(target, context({ action: 'kill' }));
    expect(record.outcome).toBe('failed');
    expect(record.detail).toMatch(/kill failed: .*not running/i);
  });

  it('stop stops the container, and stopping again is still done', async () => {
    const target = await startContainer('stop');
    const record = await responders.stop.run(target, context({ action: 'stop', timeoutSeconds: 5 }));
    expect(record.outcome).toBe('done');
    expect((await docker.getContainer(target.id).inspect()).State.Running).toBe(false);
    const again = await responders.stop.run(target, context({ action: 'stop' }));
    expect(again.detail).toMatch(/already stopped/);
  });

  it('notify hands the alert to the notifier, and fails without one', async () => {
    const target = { id: 'f'.repeat(64), name: 'x', image: null };
    const seen: [Alert, ContainerRef][] = [];
    const record = await responders.notify.run(
      target,
      context({ action: 'notify' }, async (a, t) => {
        seen.push([a, t]);
      }),
    );
    expect(record.outcome).toBe('done');
    expect(seen).toEqual([[ALERT, target]]);
    const without = await responders.notify.run(target, context({ action: 'notify' }));
    expect(without).toMatchObject({ outcome: 'failed', detail: 'notify failed: no notifier is configured' });
  });

  it('a missing container is a failed record naming the failure', async () => {
    const target = { id: 'e'.repeat(64), name: null, image: null };
    const record = await responders.pause.run(target, context({ action: 'pause' }));
    expect(record.outcome).toBe('failed');
    expect(record.detail).toMatch(/no such container/i);
  });
});
