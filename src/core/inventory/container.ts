// A container's security-relevant configuration, normalized from the engine's inspect output.

/** Every state the engine reports, in lifecycle order. */
export const CONTAINER_STATES = [
  'created',
  'running',
  'paused',
  'restarting',
  'removing',
  'exited',
  'dead',
] as const;
export type ContainerState = (typeof CONTAINER_STATES)[number];

export interface Mount {
  type: string;
  source: string;
  destination: string;
  isReadWrite: boolean;
  /** rprivate, shared, rshared, slave… ('' when the engine reports none). */
  propagation: string;
}

export interface PortBinding {
  containerPort: number;
  protocol: string;
  hostIp: string;
  hostPort: number;
}

export interface DeviceMapping {
  pathOnHost: string;
  pathInContainer: string;
  permissions: string;
}

/** Namespace modes as given to the engine: '' (private, the default), 'host', 'container:<id>', etc. */
export interface Namespaces {
  network: string;
  pid: string;
  ipc: string;
  uts: string;
  user: string;
  cgroup: string;
}

export interface Resources {
  /** Bytes; 0 means unlimited. */
  memoryBytes: number;
  nanoCpus: number;
  cpuShares: number;
  cpuQuota: number;
  cpusetCpus: string;
  /** null or ≤0 means unlimited. */
  pidsLimit: number | null;
  ulimits: { name: string; soft: number; hard: number }[];
  cgroupParent: string;
}

export interface ExecSession {
  id: string;
  isPrivileged: boolean;
  user: string;
  command: string[];
}

export interface Workload {
  orchestrator: 'compose' | 'swarm' | 'kubernetes' | 'ecs';
  /** Service, deployment or task family name. */
  name: string;
  namespace?: string;
}

export interface Container {
  id: string;
  /** Without Docker's leading slash. */
  name: string;
  /** The reference it was created from, as given (`nginx:1.25`, or an id). */
  image: string;
  imageId: string;
  state: ContainerState;
  created: string;
  /** Config.User; '' means the image default. */
  user: string;
  isPrivileged: boolean;
  capAdd: string[];
  capDrop: string[];
  /** HostConfig.SecurityOpt verbatim. */
  securityOptions: string[];
  /** 'default' unless a security option names another profile ('unconfined' or a path/JSON). */
  seccompProfile: string;
  /** The engine's AppArmorProfile ('' when AppArmor is not in use on the host). */
  appArmorProfile: string;
  selinuxOptions: string[];
  hasNoNewPrivileges: boolean;
  isReadOnlyRootfs: boolean;
  mounts: Mount[];
  namespaces: Namespaces;
  ports: PortBinding[];
  devices: DeviceMapping[];
  resources: Resources;
  restartPolicy: { name: string; maximumRetryCount: number };
  /** Effective health check (container's own or the image's); undefined when none or disabled. */
  healthCheck?: { test: string[] };
  healthStatus?: string;
  /** Names of Config.Env variables; values are never kept. */
  envNames: string[];
  labels: Record<string, string>;
  networks: string[];
  logDriver: string;
  workload?: Workload;
  execs: ExecSession[];
  /** Command lines of running processes (`docker top`), when the container runs and could be listed. */
  processes?: string[];
}
