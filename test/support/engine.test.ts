// The engine test support itself: the busybox image must work as the flawed containers expect, and cleanup must
// remove exactly the objects with the prefix.

import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBusyboxImage, ensureEngine, removeTestObjects, testDocker } from './engine.js';

const PREFIX = 'cgtest-support-';
let docker: Docker;

async function runToCompletion(cmd: string[], user = ''): Promise<string> {
  const container = await docker.createContainer({
    Image: `${PREFIX}busybox:1`,
    name: `${PREFIX}run-${Date.now()}`,
    Cmd: cmd,
    User: user,
    HostConfig: { NetworkMode: 'none' },
  });
  await container.start();
  await container.wait();
  const logs = await container.logs({ stdout: true, stderr: true });
  // Docker multiplexes the streams with an 8-byte header per frame; strip them to get the text.
  let text = '';
  for (let i = 0; i + 8 <= logs.length; ) {
    const size = logs.readUInt32BE(i + 4);
    text += logs.subarray(i + 8, i + 8 + size).toString('utf8');
    i += 8 + size;
  }
  return text;
}

beforeAll(async () => {
  await ensureEngine();
  docker = await testDocker();
  await removeTestObjects(PREFIX);
});

afterAll(async () => {
  await removeTestObjects(PREFIX);
});

describe('buildBusyboxImage', () => {
  it('is idempotent', async () => {
    const tag = await buildBusyboxImage(`${PREFIX}busybox:1`);
    const first = await docker.getImage(tag).inspect();
    await buildBusyboxImage(tag);
    expect((await docker.getImage(tag).inspect()).Id).toBe(first.Id);
  });

  it('has the applets and the unprivileged user the test containers use', async () => {
    const [uid, ...files] = (await runToCompletion(['sh', '-c', 'id -u; ls /bin'], '1000'))
      .trim()
      .split(/\s+/);
    expect(uid).toBe('1000');
    expect(files).toEqual(
      expect.arrayContaining(['busybox', 'sh', 'sleep', 'true', 'cat', 'ls', 'ps', 'id']),
    );
  });
});

describe('removeTestObjects', () => {
  it('removes containers, networks and tags with the prefix and nothing else', async () => {
    await docker.createNetwork({ Name: `${PREFIX}net` });
    await docker.createContainer({
      Image: `${PREFIX}busybox:1`,
      name: `${PREFIX}gone`,
      Cmd: ['true'],
    });
    await removeTestObjects(PREFIX);
    const containers = await docker.listContainers({ all: true });
    expect(containers.filter((c) => c.Names.some((n) => n.startsWith(`/${PREFIX}`)))).toEqual([]);
    const networks = await docker.listNetworks();
    expect(networks.filter((n) => n.Name.startsWith(PREFIX))).toEqual([]);
    const images = await docker.listImages();
    expect(images.flatMap((i) => i.RepoTags ?? []).filter((t) => t.startsWith(PREFIX))).toEqual([]);
    expect(networks.map((n) => n.Name)).toContain('bridge');
  });

  it('refuses a prefix that is not a test prefix', async () => {
    await expect(removeTestObjects('')).rejects.toThrow(/refusing/);
  });
});
