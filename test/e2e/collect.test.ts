// The collector against the real engine: one container per known flaw and a hardened one, normalized as the checks
// will see them; a container removed mid-scan; an unreachable engine.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { collectContainers } from '../../src/collect/docker/containers.js';
import { createImageCache } from '../../src/collect/docker/images.js';
import { listContainerProcesses } from '../../src/collect/docker/processes.js';
import { collectSnapshot, createEngineClient, type EngineClient } from '../../src/collect/index.js';
import type { Container } from '../../src/core/inventory/container.js';
import type { Snapshot } from '../../src/core/inventory/snapshot.js';
import { ensureEngine, removeTestObjects, testDocker } from '../support/engine.js';
import {
  createFlawedContainers,
  HARDENED_PORT,
  type TestContainer,
  type TestContainerKey,
} from '../support/flawed-containers.js';

const PREFIX = 'cgtest-collect-';

let client: EngineClient;
let created: Record<TestContainerKey, TestContainer>;
let snapshot: Snapshot;
let execId: string;
const steps: { label: string; done?: number; total?: number }[] = [];

function container(key: TestContainerKey): Container {
  const found = snapshot.containers.find((c) => c.id === created[key].id);
  if (!found) throw new Error(`${key} is missing from the snapshot`);
  return found;
}

beforeAll(async () => {
  client = await ensureEngine();
  await removeTestObjects(PREFIX);
  created = await createFlawedContainers(PREFIX);
  // A running exec session: it must show in ExecIDs and, being in the container's cgroup, among its processes.
  const exec = await (await testDocker()).getContainer(created.hardened.id).exec({ Cmd: ['sleep', '47'] });
  await exec.start({ Detach: true });
  execId = exec.id;
  snapshot = await collectSnapshot({
    client,
    progress: { step: (label, done, total) => steps.push({ label, done, total }) },
  });
});

afterAll(async () => {
  await removeTestObjects(PREFIX);
});

describe('collectSnapshot on the real engine', () => {
  it('describes how and when it was collected', async () => {
    expect(snapshot.collector.tool).toBe('coastguard');
    expect(snapshot.collector.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(Date.parse(snapshot.collectedAt)).not.toBeNaN();
    expect(snapshot.engineEndpoint).toBe(client.endpoint.description);
    const info = await (await testDocker()).info();
    expect(snapshot.host.id).toBe(info.ID);
    expect(snapshot.host.hostname).toBe(info.Name);
    expect(snapshot.host.dataRoot.path).toBe(info.DockerRootDir);
    expect(snapshot.daemon.serverVersion).toMatch(/^\d+\.\d+/);
    expect(snapshot.daemon.configSources.commandLine?.[0]).toMatch(/dockerd$/);
  });

  it('reports progress per container', () => {
    const last = steps.filter((s) => s.label === 'containers').at(-1);
    expect(last?.total).toBeGreaterThanOrEqual(13);
    expect(last?.done).toBe(last?.total);
  });

  it('covers containers in every state: the privileged one is created, not running', () => {
    const privileged = container('privileged');
    expect(privileged.isPrivileged).toBe(true);
    expect(privileged.state).toBe('created');
    expect(privileged.processes).toBeUndefined();
    expect(container('hardened').state).toBe('running');
    expect(container('hardened').isPrivileged).toBe(false);
  });

  it('normalizes each flaw', () => {
    expect(container('host-network').namespaces.network).toBe('host');
    expect(container('host-pid').namespaces.pid).toBe('host');
    expect(container('docker-sock').mounts).toEqual([
      expect.objectContaining({
        source: '/var/run/docker.sock',
        destination: '/var/run/docker.sock',
        isReadWrite: true,
      }),
    ]);
    expect(container('etc-rw').mounts).toEqual([
      expect.objectContaining({ type: 'bind', source: '/etc', destination: '/host/etc', isReadWrite: true }),
    ]);
    expect(container('cap-sys-admin').capAdd).toEqual(['CAP_SYS_ADMIN']);
    expect(container('no-limits').resources).toMatchObject({ memoryBytes: 0, nanoCpus: 0, cpuShares: 0 });
    expect(container('no-limits').resources.pidsLimit ?? 0).toBeLessThanOrEqual(0);
    expect(container('seccomp-unconfined').seccompProfile).toBe('unconfined');
    expect(container('apparmor-unconfined').appArmorProfile).toBe('unconfined');
    expect(container('root-user').user).toBe('');
    // An empty HostIp is what `-p 80:80` records: every interface.
    expect(container('privileged-port').ports).toEqual([
      { containerPort: 80, protocol: 'tcp', hostIp: '', hostPort: created['privileged-port'].hostPort },
    ]);
    expect(container('restart-always').restartPolicy).toEqual({ name: 'always', maximumRetryCount: 0 });
  });

  it('normalizes the hardened container', () => {
    const hardened = container('hardened');
    expect(hardened).toMatchObject({
      user: '1000:1000',
      isReadOnlyRootfs: true,
      capDrop: ['ALL'],
      capAdd: [],
      hasNoNewPrivileges: true,
      seccompProfile: 'default',
      healthCheck: { test: ['CMD', 'true'] },
      restartPolicy: { name: 'on-failure', maximumRetryCount: 5 },
      ports: [
        {
          containerPort: HARDENED_PORT.containerPort,
          protocol: 'tcp',
          hostIp: '127.0.0.1',
          hostPort: created.hardened.hostPort,
        },
      ],
      networks: [`${PREFIX}net`],
    });
    expect(hardened.resources).toMatchObject({
      memoryBytes: 64 * 1024 * 1024,
      nanoCpus: 500_000_000,
      pidsLimit: 64,
    });
  });

  it('records exec sessions and lists processes, the exec included', () => {
    const hardened = container('hardened');
    expect(hardened.execs).toEqual([
      expect.objectContaining({ id: execId, command: ['sleep', '47'], isPrivileged: false }),
    ]);
    expect(hardened.processes).toEqual(expect.arrayContaining(['sleep 3600', 'sleep 47']));
  });

  it('lists the same processes from /proc as `docker top` does', async () => {
    const inspect = await (await testDocker()).getContainer(created['root-user'].id).inspect();
    const running = [{ id: inspect.Id, pid: inspect.State.Pid }];
    const fromProc = await listContainerProcesses(client, running, { isLocal: true });
    const fromTop = await listContainerProcesses(client, running, { isLocal: false });
    expect(fromProc.get(inspect.Id)).toEqual(['sleep 3600']);
    expect(fromProc).toEqual(fromTop);
  });

  it('keeps environment variable names and never their values', () => {
    expect(container('hardened').envNames).toContain('COASTGUARD_TEST_SECRET');
    expect(JSON.stringify(snapshot)).not.toContain('do-not-store');
  });

  it('collects the test image with its history, and the test network with its members', () => {
    const image = snapshot.images.find((i) => i.repoTags.includes(`${PREFIX}busybox:1`));
    expect(image?.history.length).toBeGreaterThan(0);
    expect(container('hardened').imageId).toBe(image?.id);
    const network = snapshot.networks.find((n) => n.name === `${PREFIX}net`);
    expect(network?.driver).toBe('bridge');
    const members = Object.entries(created)
      .filter(([key]) => key !== 'host-network')
      .map(([, c]) => c.id);
    expect([...(network?.containerIds ?? [])].sort()).toEqual(members.sort());
    expect(snapshot.networks.find((n) => n.name === 'host')?.containerIds).toContain(
      created['host-network'].id,
    );
  });

  it("reads the host's Docker files", () => {
    const socket = snapshot.host.files.find((f) => f.role === 'docker.sock');
    expect(socket).toMatchObject({
      path: '/var/run/docker.sock',
      exists: true,
      kind: 'socket',
      owner: 'root',
    });
    expect(snapshot.host.files.find((f) => f.role === 'etc-docker')).toMatchObject({ kind: 'directory' });
    expect(snapshot.host.platform).toBe('self-hosted');
  });
});

describe('a container removed during the scan', () => {
  it('is skipped with a note, and the others are still collected', async () => {
    const doomed = await (await testDocker()).createContainer({
      Image: `${PREFIX}busybox:1`,
      name: `${PREFIX}doomed`,
      Cmd: ['true'],
    });
    await doomed.remove();
    const result = await collectContainers(client, {
      images: createImageCache(client),
      ids: [doomed.id, created.hardened.id],
    });
    expect(result.containers.map((c) => c.id)).toEqual([created.hardened.id]);
    expect(result.notes).toEqual([
      { subject: `container ${doomed.id.slice(0, 12)}`, message: 'removed during the scan; skipped' },
    ]);
  });
});

describe('an unreachable engine', () => {
  afterAll(() => {
    vi.unstubAllEnvs();
  });

  it('fails with ENGINE_UNREACHABLE naming the endpoint from DOCKER_HOST', async () => {
    vi.stubEnv('DOCKER_HOST', 'unix:///nonexistent');
    await expect(collectSnapshot()).rejects.toMatchObject({
      code: 'ENGINE_UNREACHABLE',
      exitCode: 2,
      message: expect.stringContaining(
        'Cannot reach the Docker engine at unix:///nonexistent: no socket at /nonexistent.',
      ),
    });
  });

  it('fails the same way for an explicit client', async () => {
    const unreachable = await createEngineClient({ env: { DOCKER_HOST: 'tcp://127.0.0.1:1' } });
    await expect(collectSnapshot({ client: unreachable })).rejects.toMatchObject({
      code: 'ENGINE_UNREACHABLE',
      message: expect.stringContaining('tcp://127.0.0.1:1: connection refused'),
    });
  });
});
