// Turns the engine's container inspect JSON (API ≥1.41) into the core Container: pure, so checks can be
// unit-tested on recorded inspect output. Environment values are dropped here, before anything else sees them.
import {
  CONTAINER_STATES,
  type Container,
  type ContainerState,
  type DeviceMapping,
  type ExecSession,
  type Mount,
  type PortBinding,
  type Workload,
} from '../../core/inventory/container.js';

/** The subset of `GET /containers/{id}/json` we read. Everything is optional: old engines omit fields. */
export interface ContainerInspect {
  Id: string;
  Name?: string;
  Created?: string;
  Image?: string;
  State?: { Status?: string; Health?: { Status?: string } | null } | null;
  AppArmorProfile?: string;
  ExecIDs?: string[] | null;
  Config?: {
    User?: string;
    Image?: string;
    Env?: string[] | null;
    Labels?: Record<string, string> | null;
    Healthcheck?: { Test?: string[] | null } | null;
  } | null;
  HostConfig?: {
    Privileged?: boolean;
    CapAdd?: string[] | null;
    CapDrop?: string[] | null;
    SecurityOpt?: string[] | null;
    ReadonlyRootfs?: boolean;
    NetworkMode?: string;
    PidMode?: string;
    IpcMode?: string;
    UTSMode?: string;
    UsernsMode?: string;
    CgroupnsMode?: string;
    PortBindings?: Record<string, { HostIp?: string; HostPort?: string }[] | null> | null;
    Devices?: { PathOnHost?: string; PathInContainer?: string; CgroupPermissions?: string }[] | null;
    Memory?: number;
    NanoCpus?: number;
    CpuShares?: number;
    CpuQuota?: number;
    CpusetCpus?: string;
    PidsLimit?: number | null;
    Ulimits?: { Name?: string; Soft?: number; Hard?: number }[] | null;
    CgroupParent?: string;
    RestartPolicy?: { Name?: string; MaximumRetryCount?: number } | null;
    LogConfig?: { Type?: string } | null;
  } | null;
  Mounts?:
    | { Type?: string; Source?: string; Destination?: string; RW?: boolean; Propagation?: string }[]
    | null;
  NetworkSettings?: { Networks?: Record<string, unknown> | null } | null;
}

/** The subset of `GET /exec/{id}/json` we read. */
export interface ExecInspect {
  ID: string;
  ProcessConfig?: {
    privileged?: boolean;
    user?: string;
    entrypoint?: string;
    arguments?: string[] | null;
  } | null;
}

export interface NormalizeExtras {
  /** Health check inherited from the image when the container sets none. */
  imageHealthCheck?: string[] | null;
  execs?: ExecInspect[];
  processes?: string[];
}

export function normalizeContainer(raw: ContainerInspect, extras: NormalizeExtras = {}): Container {
  const hc = raw.HostConfig ?? {};
  const config = raw.Config ?? {};
  const securityOptions = hc.SecurityOpt ?? [];
  const labels = config.Labels ?? {};
  const status = raw.State?.Status ?? '';
  const healthTest = pickHealthCheck(config.Healthcheck?.Test, extras.imageHealthCheck);
  const container: Container = {
    id: raw.Id,
    name: (raw.Name ?? raw.Id).replace(/^\//, ''),
    image: config.Image ?? raw.Image ?? '',
    imageId: raw.Image ?? '',
    state: (CONTAINER_STATES as readonly string[]).includes(status) ? (status as ContainerState) : 'dead',
    created: raw.Created ?? '',
    user: config.User ?? '',
    isPrivileged: hc.Privileged === true,
    capAdd: (hc.CapAdd ?? []).map(normalizeCapability),
    capDrop: (hc.CapDrop ?? []).map(normalizeCapability),
    securityOptions,
    seccompProfile: securityOptionValue(securityOptions, 'seccomp') ?? 'default',
    appArmorProfile: securityOptionValue(securityOptions, 'apparmor') ?? raw.AppArmorProfile ?? '',
    selinuxOptions: securityOptions.filter((o) => /^label[=:]/.test(o)),
    hasNoNewPrivileges: securityOptions.some((o) => /^no-new-privileges(?:[=:]true)?$/.test(o)),
    isReadOnlyRootfs: hc.ReadonlyRootfs === true,
    mounts: (raw.Mounts ?? []).map(normalizeMount),
    namespaces: {
      network: hc.NetworkMode ?? '',
      pid: hc.PidMode ?? '',
      ipc: hc.IpcMode ?? '',
      uts: hc.UTSMode ?? '',
      user: hc.UsernsMode ?? '',
      cgroup: hc.CgroupnsMode ?? '',
    },
    ports: normalizePorts(hc.PortBindings),
    devices: (hc.Devices ?? []).map(
      (d): DeviceMapping => ({
        pathOnHost: d.PathOnHost ?? '',
        pathInContainer: d.PathInContainer ?? '',
        permissions: d.CgroupPermissions ?? '',
      }),
    ),
    resources: {
      memoryBytes: hc.Memory ?? 0,
      nanoCpus: hc.NanoCpus ?? 0,
      cpuShares: hc.CpuShares ?? 0,
      cpuQuota: hc.CpuQuota ?? 0,
      cpusetCpus: hc.CpusetCpus ?? '',
      pidsLimit: hc.PidsLimit ?? null,
      ulimits: (hc.Ulimits ?? []).map((u) => ({ name: u.Name ?? '', soft: u.Soft ?? 0, hard: u.Hard ?? 0 })),
      cgroupParent: hc.CgroupParent ?? '',
    },
    restartPolicy: {
      name: hc.RestartPolicy?.Name || 'no',
      maximumRetryCount: hc.RestartPolicy?.MaximumRetryCount ?? 0,
    },
    envNames: (config.Env ?? []).map((e) => e.split('=', 1)[0] ?? ''),
    labels,
    networks: Object.keys(raw.NetworkSettings?.Networks ?? {}),
    logDriver: hc.LogConfig?.Type ?? '',
    execs: (extras.execs ?? []).map(normalizeExec),
  };
  if (healthTest) container.healthCheck = { test: healthTest };
  const healthStatus = raw.State?.Health?.Status;
  if (healthStatus) container.healthStatus = healthStatus;
  const workload = detectWorkload(labels);
  if (workload) container.workload = workload;
  if (extras.processes) container.processes = extras.processes;
  return container;
}

/** Docker ≥20.10 reports capabilities as CAP_SYS_ADMIN; older engines and users write SYS_ADMIN. */
export function normalizeCapability(cap: string): string {
  const upper = cap.toUpperCase();
  return upper === 'ALL' || upper.startsWith('CAP_') ? upper : `CAP_${upper}`;
}

/** `seccomp=unconfined` and the older `seccomp:unconfined` both occur in the wild. */
function securityOptionValue(options: string[], name: string): string | undefined {
  for (const option of options) {
    const match = /^([a-z-]+)[=:](.*)$/s.exec(option);
    if (match?.[1] === name) return match[2];
  }
  return undefined;
}

/** ["NONE"] disables a health check, including one inherited from the image. */
function pickHealthCheck(
  own: string[] | null | undefined,
  image: string[] | null | undefined,
): string[] | undefined {
  const test = own && own.length > 0 ? own : image && image.length > 0 ? image : undefined;
  return test && test[0] !== 'NONE' ? test : undefined;
}

function normalizeMount(m: NonNullable<ContainerInspect['Mounts']>[number]): Mount {
  return {
    type: m.Type ?? '',
    source: m.Source ?? '',
    destination: m.Destination ?? '',
    isReadWrite: m.RW !== false,
    propagation: m.Propagation ?? '',
  };
}

function normalizePorts(
  bindings: NonNullable<ContainerInspect['HostConfig']>['PortBindings'],
): PortBinding[] {
  const ports: PortBinding[] = [];
  for (const [key, hostBindings] of Object.entries(bindings ?? {})) {
    const [port, protocol = 'tcp'] = key.split('/');
    for (const b of hostBindings ?? []) {
      ports.push({
        containerPort: Number(port),
        protocol,
        hostIp: b.HostIp ?? '',
        hostPort: Number(b.HostPort || 0),
      });
    }
  }
  return ports;
}

function normalizeExec(e: ExecInspect): ExecSession {
  const pc = e.ProcessConfig ?? {};
  return {
    id: e.ID,
    isPrivileged: pc.privileged === true,
    user: pc.user ?? '',
    command: [pc.entrypoint ?? '', ...(pc.arguments ?? [])].filter((s) => s !== ''),
  };
}

/** Orchestrators announce themselves through well-known labels. */
function detectWorkload(labels: Record<string, string>): Workload | undefined {
  const k8sName = labels['io.kubernetes.pod.name'];
  if (k8sName) {
    const workload: Workload = { orchestrator: 'kubernetes', name: k8sName };
    const namespace = labels['io.kubernetes.pod.namespace'];
    if (namespace) workload.namespace = namespace;
    return workload;
  }
  const swarmService = labels['com.docker.swarm.service.name'];
  if (swarmService) return { orchestrator: 'swarm', name: swarmService };
  const ecsFamily = labels['com.amazonaws.ecs.task-definition-family'];
  if (ecsFamily) return { orchestrator: 'ecs', name: ecsFamily };
  const composeService = labels['com.docker.compose.service'];
  if (composeService) {
    const workload: Workload = { orchestrator: 'compose', name: composeService };
    const project = labels['com.docker.compose.project'];
    if (project) workload.namespace = project;
    return workload;
  }
  return undefined;
}
