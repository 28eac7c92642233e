// Builders for crafted snapshots in check tests. The defaults describe a host that passes every automated check,
// so a test changes one fact and asserts the one verdict that changes.
import type { Container, Namespaces, Resources } from '../../src/core/inventory/container.js';
import type { Daemon, DaemonOptions, SwarmInfo } from '../../src/core/inventory/daemon.js';
import type { AuditRules, Host, HostFile, HostFileRole } from '../../src/core/inventory/host.js';
import type { Image } from '../../src/core/inventory/image.js';
import type { Network } from '../../src/core/inventory/network.js';
import type { Snapshot } from '../../src/core/inventory/snapshot.js';

export const AUDITED_PATHS = [
  '/usr/sbin/dockerd',
  '/run/containerd',
  '/var/lib/docker',
  '/etc/docker',
  '/lib/systemd/system/docker.service',
  '/run/containerd/containerd.sock',
  '/lib/systemd/system/docker.socket',
  '/etc/default/docker',
  '/etc/docker/daemon.json',
  '/etc/containerd/config.toml',
  '/etc/sysconfig/docker',
  '/usr/bin/containerd',
  '/usr/bin/containerd-shim',
  '/usr/bin/containerd-shim-runc-v1',
  '/usr/bin/containerd-shim-runc-v2',
  '/usr/sbin/runc',
] as const;

export function makeHostFile(role: HostFileRole, path: string, overrides: Partial<HostFile> = {}): HostFile {
  return {
    role,
    path,
    exists: true,
    kind: 'file',
    uid: 0,
    gid: 0,
    owner: 'root',
    group: 'root',
    mode: 0o644,
    ...overrides,
  };
}

export function makeHostFiles(): HostFile[] {
  return [
    makeHostFile('docker.service', '/lib/systemd/system/docker.service'),
    makeHostFile('docker.socket', '/lib/systemd/system/docker.socket'),
    makeHostFile('etc-docker', '/etc/docker', { kind: 'directory', mode: 0o755 }),
    makeHostFile('daemon.json', '/etc/docker/daemon.json'),
    makeHostFile('etc-default-docker', '/etc/default/docker', { mode: 0o600 }),
    makeHostFile('etc-sysconfig-docker', '/etc/sysconfig/docker', { exists: false }),
    makeHostFile('containerd.sock', '/run/containerd/containerd.sock', { kind: 'socket', mode: 0o660 }),
    makeHostFile('docker.sock', '/run/docker.sock', {
      kind: 'socket',
      gid: 998,
      group: 'docker',
      mode: 0o660,
    }),
    makeHostFile('tls-ca', '/etc/docker/tls/ca.pem', { mode: 0o444 }),
    makeHostFile('tls-cert', '/etc/docker/tls/server-cert.pem', { mode: 0o444 }),
    makeHostFile('tls-key', '/etc/docker/tls/server-key.pem', { mode: 0o400 }),
    makeHostFile('registry-cert', '/etc/docker/certs.d/registry.example:5000/ca.crt', { mode: 0o444 }),
  ];
}

export function makeAuditRules(overrides: Partial<AuditRules> = {}): AuditRules {
  return {
    isAvailable: true,
    rules: AUDITED_PATHS.map((path) => `-w ${path} -p rwxa -k docker`),
    sources: ['auditctl -l'],
    errors: [],
    ...overrides,
  };
}

export function makeHost(overrides: Partial<Host> = {}): Host {
  return {
    id: 'host-1',
    hostname: 'docker-host',
    operatingSystem: 'Debian GNU/Linux 12 (bookworm)',
    kernelVersion: '6.1.0-18-amd64',
    architecture: 'x86_64',
    platform: 'self-hosted',
    files: makeHostFiles(),
    auditRules: makeAuditRules(),
    dataRoot: { path: '/var/lib/docker', isSeparateMount: true, mountPoint: '/var/lib/docker' },
    dockerGroupMembers: ['alice'],
    ...overrides,
  };
}

export const COMPLIANT_OPTIONS: DaemonOptions = {
  icc: false,
  'log-level': 'info',
  iptables: true,
  'no-new-privileges': true,
  'userland-proxy': false,
  'live-restore': true,
  'userns-remap': 'default',
  'default-ulimits': { nofile: { Name: 'nofile', Soft: 1024, Hard: 4096 } },
  hosts: ['unix:///run/docker.sock', 'tcp://10.0.0.5:2376'],
  tlsverify: true,
  tlscacert: '/etc/docker/tls/ca.pem',
  tlscert: '/etc/docker/tls/server-cert.pem',
  tlskey: '/etc/docker/tls/server-key.pem',
  'seccomp-profile': '/etc/docker/seccomp.json',
};

export interface DaemonOverrides extends Partial<Omit<Daemon, 'options' | 'swarm'>> {
  /** Merged into the compliant options; `undefined` removes a key. */
  options?: Record<string, DaemonOptions[string] | undefined>;
  swarm?: Partial<SwarmInfo>;
}

export function makeDaemon(overrides: DaemonOverrides = {}): Daemon {
  const { options, swarm, ...rest } = overrides;
  const merged: DaemonOptions = { ...COMPLIANT_OPTIONS };
  for (const [key, value] of Object.entries(options ?? {})) {
    if (value === undefined) delete merged[key];
    else merged[key] = value;
  }
  return {
    serverVersion: '24.0.7',
    apiVersion: '1.43',
    storageDriver: 'overlay2',
    loggingDriver: 'syslog',
    cgroupDriver: 'systemd',
    cgroupVersion: '2',
    securityOptions: [
      'name=apparmor',
      'name=seccomp,profile=/etc/docker/seccomp.json',
      'name=userns',
      'name=cgroupns',
    ],
    isExperimental: false,
    isLiveRestoreEnabled: true,
    isRootless: false,
    insecureRegistries: ['127.0.0.0/8'],
    authorizationPlugins: ['opa-docker-authz'],
    options: merged,
    configSources: {
      daemonJson: '/etc/docker/daemon.json',
      commandLine: ['/usr/sbin/dockerd', '--containerd=/run/containerd/containerd.sock'],
    },
    configErrors: [],
    ...rest,
    swarm: { state: 'inactive', isManager: false, ...swarm },
  };
}

export const IMAGE_ID = 'sha256:1111111111111111111111111111111111111111111111111111111111111111';

export function makeImage(overrides: Partial<Image> = {}): Image {
  return {
    id: IMAGE_ID,
    repoTags: ['registry.example/app:1.0'],
    repoDigests: [
      'registry.example/app@sha256:2222222222222222222222222222222222222222222222222222222222222222',
    ],
    created: '2026-11-01T00:00:00Z',
    sizeBytes: 50 * 1024 * 1024,
    user: 'app',
    hasHealthCheck: true,
    labels: {},
    envNames: ['PATH'],
    exposedPorts: ['8080/tcp'],
    layers: ['sha256:aaa', 'sha256:bbb', 'sha256:ccc'],
    history: [
      { createdBy: '/bin/sh -c #(nop) ADD file:0123456789abcdef in / ', isEmptyLayer: false },
      { createdBy: '/bin/sh -c #(nop)  CMD ["bash"]', isEmptyLayer: true },
      {
        createdBy: 'RUN /bin/sh -c apt-get update && apt-get install -y curl # buildkit',
        isEmptyLayer: false,
      },
      { createdBy: 'COPY app /app # buildkit', isEmptyLayer: false },
      { createdBy: 'USER app', isEmptyLayer: true },
    ],
    ...overrides,
  };
}

export interface ContainerOverrides
  extends Partial<Omit<Container, 'resources' | 'namespaces' | 'restartPolicy'>> {
  resources?: Partial<Resources>;
  namespaces?: Partial<Namespaces>;
  restartPolicy?: Partial<Container['restartPolicy']>;
}

export function makeContainer(overrides: ContainerOverrides = {}): Container {
  const { resources, namespaces, restartPolicy, ...rest } = overrides;
  return {
    id: 'c0ffee0000000000000000000000000000000000000000000000000000000001',
    name: 'web',
    image: 'registry.example/app:1.0',
    imageId: IMAGE_ID,
    state: 'running',
    created: '2026-11-20T00:00:00Z',
    user: 'app',
    isPrivileged: false,
    capAdd: ['CAP_NET_BIND_SERVICE'],
    capDrop: ['ALL'],
    securityOptions: ['no-new-privileges:true'],
    seccompProfile: 'default',
    appArmorProfile: 'docker-default',
    selinuxOptions: [],
    hasNoNewPrivileges: true,
    isReadOnlyRootfs: true,
    mounts: [
      {
        type: 'volume',
        source: '/var/lib/docker/volumes/data/_data',
        destination: '/data',
        isReadWrite: true,
        propagation: '',
      },
    ],
    ports: [{ containerPort: 8080, protocol: 'tcp', hostIp: '127.0.0.1', hostPort: 8080 }],
    devices: [],
    healthCheck: { test: ['CMD', 'true'] },
    healthStatus: 'healthy',
    envNames: ['PATH'],
    labels: {},
    networks: ['app-net'],
    logDriver: 'syslog',
    execs: [],
    processes: ['/app/server --port 8080'],
    ...rest,
    namespaces: {
      network: 'app-net',
      pid: '',
      ipc: 'private',
      uts: '',
      user: '',
      cgroup: 'private',
      ...namespaces,
    },
    resources: {
      memoryBytes: 256 * 1024 * 1024,
      nanoCpus: 1_000_000_000,
      cpuShares: 0,
      cpuQuota: 0,
      cpusetCpus: '',
      pidsLimit: 100,
      ulimits: [],
      cgroupParent: '',
      ...resources,
    },
    restartPolicy: { name: 'on-failure', maximumRetryCount: 3, ...restartPolicy },
  };
}

export function makeNetwork(overrides: Partial<Network> = {}): Network {
  return {
    id: 'net-app',
    name: 'app-net',
    driver: 'bridge',
    scope: 'local',
    isInternal: false,
    options: {},
    containerIds: [],
    ...overrides,
  };
}

export function makeDefaultBridge(options: Record<string, string> = {}): Network {
  return makeNetwork({
    id: 'net-bridge',
    name: 'bridge',
    options: { 'com.docker.network.bridge.enable_icc': 'false', ...options },
  });
}

export interface SnapshotOverrides extends Partial<Omit<Snapshot, 'host' | 'daemon'>> {
  host?: Partial<Host>;
  daemon?: DaemonOverrides;
}

export function makeSnapshot(overrides: SnapshotOverrides = {}): Snapshot {
  const { host, daemon, ...rest } = overrides;
  return {
    collectedAt: '2026-11-22T08:00:00Z',
    collector: { tool: 'coastguard', version: '0.0.0-test' },
    engineEndpoint: 'unix:///run/docker.sock',
    images: [makeImage()],
    containers: [makeContainer()],
    networks: [makeDefaultBridge(), makeNetwork()],
    notes: [],
    ...rest,
    host: makeHost(host),
    daemon: makeDaemon(daemon),
  };
}
