// Containers with one known flaw each, plus one hardened container, so every CIS section 5 check can be shown to
// fail on exactly the container that has its flaw and pass on the others. Each flawed container starts from the
// hardened configuration and changes only what its flaw needs.
import { createServer } from 'node:net';
import type Docker from 'dockerode';
import { buildBusyboxImage, testDocker } from './engine.js';

export const FLAWS = {
  privileged: 'HostConfig.Privileged=true (runc on these VMs refuses to start it, so it stays created)',
  'host-network': 'NetworkMode=host',
  'host-pid': 'PidMode=host',
  'docker-sock': '/var/run/docker.sock bind-mounted',
  'cap-sys-admin': 'CapAdd SYS_ADMIN',
  'no-limits': 'no memory, CPU or PIDs limit',
  'etc-rw': 'host /etc mounted read-write at /host/etc',
  'seccomp-unconfined': 'seccomp=unconfined',
  'apparmor-unconfined': 'apparmor=unconfined',
  'root-user': 'runs as root (no User)',
  'privileged-port': 'container port 80 published on a free host port below 1024, all interfaces',
  'restart-always': 'restart policy always',
} as const;

export type FlawKey = keyof typeof FLAWS;
export type TestContainerKey = FlawKey | 'hardened';

export interface TestContainer {
  name: string;
  id: string;
  /** Whether we asked the engine to start it (the privileged one is left created on purpose). */
  isStarted: boolean;
  /** The host port it publishes, when it publishes one. */
  hostPort?: number;
}

/** Where the hardened container publishes its port: loopback, a high port. */
export const HARDENED_PORT = { hostIp: '127.0.0.1', containerPort: 8080 } as const;

/** Privileged ports to try for the flaw, and high ports for the hardened container: whatever else runs here. */
const PRIVILEGED_PORTS = [80, 81, 444, 591, 777, 888, 992, 1000];
const HIGH_PORTS = [38080, 38081, 38082, 38083, 38084, 38085];

async function isFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

async function pickFreePort(host: string, candidates: number[]): Promise<number> {
  for (const port of candidates) if (await isFree(host, port)) return port;
  throw new Error(`no free port among ${candidates.join(', ')} on ${host}`);
}

type CreateOptions = Docker.ContainerCreateOptions;
type HostConfig = NonNullable<CreateOptions['HostConfig']>;

function hardenedConfig(image: string, network: string): CreateOptions {
  return {
    Image: image,
    Cmd: ['sleep', '3600'],
    User: '1000:1000',
    // A value that must never reach a snapshot, a fixture or a report: only the name may.
    Env: ['COASTGUARD_TEST_SECRET=do-not-store'],
    Healthcheck: { Test: ['CMD', 'true'], Interval: 5e9, Timeout: 5e9, Retries: 3 },
    Labels: { 'coastguard.test': 'true' },
    HostConfig: {
      ReadonlyRootfs: true,
      CapDrop: ['ALL'],
      SecurityOpt: ['no-new-privileges:true'],
      Memory: 64 * 1024 * 1024,
      NanoCpus: 500_000_000,
      CpuShares: 512,
      PidsLimit: 64,
      RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 5 },
      NetworkMode: network,
    },
  };
}

/** Applies one flaw to the hardened configuration. */
function withFlaw(base: CreateOptions, flaw: FlawKey, privilegedPort: number): CreateOptions {
  const hc: HostConfig = { ...base.HostConfig };
  const config: CreateOptions = { ...base };
  switch (flaw) {
    case 'privileged':
      hc.Privileged = true;
      hc.CapDrop = [];
      break;
    case 'host-network':
      hc.NetworkMode = 'host';
      break;
    case 'host-pid':
      hc.PidMode = 'host';
      break;
    case 'docker-sock':
      hc.Binds = ['/var/run/docker.sock:/var/run/docker.sock'];
      break;
    case 'cap-sys-admin':
      hc.CapAdd = ['SYS_ADMIN'];
      break;
    case 'no-limits':
      hc.Memory = 0;
      hc.NanoCpus = 0;
      hc.CpuShares = 0;
      hc.PidsLimit = 0;
      break;
    case 'etc-rw':
      hc.Binds = ['/etc:/host/etc:rw'];
      break;
    case 'seccomp-unconfined':
      hc.SecurityOpt = [...(hc.SecurityOpt ?? []), 'seccomp=unconfined'];
      break;
    case 'apparmor-unconfined':
      hc.SecurityOpt = [...(hc.SecurityOpt ?? []), 'apparmor=unconfined'];
      break;
    case 'root-user':
      config.User = '';
      break;
    case 'privileged-port':
      config.ExposedPorts = { '80/tcp': {} };
      hc.PortBindings = { '80/tcp': [{ HostIp: '', HostPort: String(privilegedPort) }] };
      break;
    case 'restart-always':
      hc.RestartPolicy = { Name: 'always', MaximumRetryCount: 0 };
      break;
  }
  config.HostConfig = hc;
  return config;
}

function hardened(base: CreateOptions, hostPort: number): CreateOptions {
  return {
    ...base,
    ExposedPorts: { [`${HARDENED_PORT.containerPort}/tcp`]: {} },
    HostConfig: {
      ...base.HostConfig,
      PortBindings: {
        [`${HARDENED_PORT.containerPort}/tcp`]: [
          { HostIp: HARDENED_PORT.hostIp, HostPort: String(hostPort) },
        ],
      },
    },
  };
}

/**
 * Creates `<prefix><flaw>` for every flaw and `<prefix>hardened`, on a user network `<prefix>net`, from the image
 * `<prefix>busybox:1`. Starts all but the privileged one. Remove them with `removeTestObjects(prefix)`.
 */
export async function createFlawedContainers(
  prefix: string,
): Promise<Record<TestContainerKey, TestContainer>> {
  const docker = await testDocker();
  const image = await buildBusyboxImage(`${prefix}busybox:1`);
  const networkName = `${prefix}net`;
  const existing = await docker.listNetworks({ filters: { name: [networkName] } });
  if (!existing.some((n) => n.Name === networkName)) {
    await docker.createNetwork({
      Name: networkName,
      Driver: 'bridge',
      Labels: { 'coastguard.test': 'true' },
    });
  }
  const base = hardenedConfig(image, networkName);
  const ports: Partial<Record<TestContainerKey, number>> = {
    'privileged-port': await pickFreePort('0.0.0.0', PRIVILEGED_PORTS),
    hardened: await pickFreePort(HARDENED_PORT.hostIp, HIGH_PORTS),
  };
  const plans: [TestContainerKey, CreateOptions][] = [
    ...(Object.keys(FLAWS) as FlawKey[]).map((flaw): [TestContainerKey, CreateOptions] => [
      flaw,
      withFlaw(base, flaw, ports['privileged-port'] ?? 0),
    ]),
    ['hardened', hardened(base, ports.hardened ?? 0)],
  ];
  const entries = await Promise.all(
    plans.map(async ([key, config]): Promise<[TestContainerKey, TestContainer]> => {
      const name = `${prefix}${key}`;
      const container = await docker.createContainer({ ...config, name });
      // runc refuses privileged containers on these VMs; leaving it created keeps the test deterministic.
      const isStarted = key !== 'privileged';
      if (isStarted) await container.start();
      const hostPort = ports[key];
      return [
        key,
        hostPort === undefined
          ? { name, id: container.id, isStarted }
          : { name, id: container.id, isStarted, hostPort },
      ];
    }),
  );
  return Object.fromEntries(entries) as Record<TestContainerKey, TestContainer>;
}
