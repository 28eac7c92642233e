// Crafted assessments for reporter tests: a host with a few containers and results of every status and severity,
// an empty one, and a hostile one whose names and evidence try to break out of HTML, JSON and the terminal.
import type { Assessment } from '../../src/core/assessment.js';
import type { Container } from '../../src/core/inventory/container.js';
import type { Daemon } from '../../src/core/inventory/daemon.js';
import type { Host } from '../../src/core/inventory/host.js';
import type { Image } from '../../src/core/inventory/image.js';
import type { Network } from '../../src/core/inventory/network.js';
import type { Snapshot } from '../../src/core/inventory/snapshot.js';
import { type CheckResult, countStatuses, type Subject } from '../../src/core/result/check-result.js';
import type { Finding, FindingChanges } from '../../src/core/result/finding.js';
import { fingerprintResult } from '../../src/core/result/fingerprint.js';

export const HOSTILE_NAME = '<script>alert(1)</script>';
export const HOSTILE_EVIDENCE = `Labels.note="'&<>`;
/** Terminal escapes (set the window title, clear the screen, turn red), a bell and a right-to-left override. */
export const HOSTILE_CONTROL = 'sh -c x\u001b]0;owned\u0007\u001b[2J\u001b[31mred\u202etxt.exe';

const STARTED_AT = '2026-11-22T08:02:04.000Z';
const FINISHED_AT = '2026-11-22T08:02:09.500Z';
const PREVIOUS_SCAN_AT = '2026-11-21T08:00:00.000Z';

function buildHost(overrides: Partial<Host> = {}): Host {
  return {
    id: 'ENGINE:ABCD:1234',
    hostname: 'web-01',
    operatingSystem: 'Debian GNU/Linux 12 (bookworm)',
    kernelVersion: '6.1.0-27-amd64',
    architecture: 'x86_64',
    platform: 'self-hosted',
    files: [],
    auditRules: { isAvailable: false, rules: [], sources: [], errors: [] },
    dataRoot: { path: '/var/lib/docker', isSeparateMount: false, mountPoint: '/' },
    ...overrides,
  };
}

function buildDaemon(): Daemon {
  return {
    serverVersion: '20.10.24+dfsg1',
    apiVersion: '1.41',
    storageDriver: 'overlay2',
    loggingDriver: 'json-file',
    cgroupDriver: 'systemd',
    cgroupVersion: '2',
    securityOptions: ['name=seccomp,profile=default', 'name=cgroupns'],
    isExperimental: false,
    isLiveRestoreEnabled: false,
    isRootless: false,
    insecureRegistries: [],
    authorizationPlugins: [],
    swarm: { state: 'inactive', isManager: false },
    options: {},
    configSources: {},
    configErrors: [],
  };
}

export function buildImage(overrides: Partial<Image> = {}): Image {
  return {
    id: 'sha256:1111111111111111111111111111111111111111111111111111111111111111',
    repoTags: ['cgtest-busybox:1'],
    repoDigests: [],
    sizeBytes: 1_234_567,
    user: '',
    hasHealthCheck: false,
    labels: {},
    envNames: ['PATH'],
    exposedPorts: [],
    layers: ['sha256:aaaa'],
    history: [],
    ...overrides,
  };
}

export function buildContainer(overrides: Partial<Container> & Pick<Container, 'id' | 'name'>): Container {
  return {
    image: 'cgtest-busybox:1',
    imageId: 'sha256:1111111111111111111111111111111111111111111111111111111111111111',
    state: 'running',
    created: '2026-11-20T10:00:00.000Z',
    user: '',
    isPrivileged: false,
    capAdd: [],
    capDrop: [],
    securityOptions: [],
    seccompProfile: 'default',
    appArmorProfile: 'docker-default',
    selinuxOptions: [],
    hasNoNewPrivileges: false,
    isReadOnlyRootfs: false,
    mounts: [],
    namespaces: { network: 'bridge', pid: '', ipc: 'private', uts: '', user: '', cgroup: 'private' },
    ports: [],
    devices: [],
    resources: {
      memoryBytes: 0,
      nanoCpus: 0,
      cpuShares: 0,
      cpuQuota: 0,
      cpusetCpus: '',
      pidsLimit: null,
      ulimits: [],
      cgroupParent: '',
    },
    restartPolicy: { name: 'no', maximumRetryCount: 0 },
    envNames: ['PATH'],
    labels: {},
    networks: ['bridge'],
    logDriver: 'json-file',
    execs: [],
    ...overrides,
  };
}

function buildNetwork(): Network {
  return {
    id: 'net0000000000000000000000000000000000000000000000000000000000001',
    name: 'bridge',
    driver: 'bridge',
    scope: 'local',
    isInternal: false,
    options: { 'com.docker.network.bridge.enable_icc': 'true' },
    containerIds: [],
  };
}

type ResultSpec = Pick<CheckResult, 'checkId' | 'status' | 'severity' | 'subject'> & Partial<CheckResult>;

export function buildResult(spec: ResultSpec): CheckResult {
  return {
    title: `Check ${spec.cisId ?? spec.checkId}`,
    evidence: `${spec.checkId}: observed value`,
    remediation: `Fix ${spec.checkId}.`,
    ...spec,
  };
}

export function containerSubject(container: Pick<Container, 'id' | 'name'>): Subject {
  return { kind: 'container', id: container.id, name: container.name };
}

/** The previous scan's view: one finding opened by this scan, one fixed since the last one, four still open. */
function buildChanges(hostId: string, results: CheckResult[], fixedResult: CheckResult): FindingChanges {
  const toFinding = (r: CheckResult, extra: Partial<Finding>): Finding => {
    const { status: _status, ...rest } = r;
    return {
      ...rest,
      fingerprint: fingerprintResult(hostId, r),
      state: 'open',
      firstSeen: STARTED_AT,
      lastSeen: STARTED_AT,
      ...extra,
    };
  };
  const opened = results.filter(
    (r) => r.status === 'fail' && r.checkId === 'container-runtime-socket-mounted',
  );
  return {
    previousAssessmentId: '00000000-0000-4000-8000-000000000001',
    opened: opened.map((r) => toFinding(r, {})),
    fixed: [
      toFinding(fixedResult, {
        state: 'fixed',
        firstSeen: PREVIOUS_SCAN_AT,
        lastSeen: PREVIOUS_SCAN_AT,
        fixedAt: STARTED_AT,
      }),
    ],
    stillOpen: 4,
  };
}

export interface SampleContainers {
  web: Container;
  db: Container;
  privileged: Container;
  hardened: Container;
}

export interface BuildAssessmentOptions {
  /** Whether the assessment was compared with a previous one (default true). */
  hasChanges?: boolean;
  /** Give one container, the host, a note and some evidence values meant to break out of their format. */
  isHostile?: boolean;
}

/**
 * web-01 with four containers: `web` (running; socket mounted, no memory limit, runs as root), `db` (exited; no
 * memory limit), `priv` (created, privileged) and `hardened` (running, passes). Results cover every status and
 * every severity, plus two failures of the same check on different containers.
 */
export function buildAssessment(options: BuildAssessmentOptions = {}): {
  assessment: Assessment;
  containers: SampleContainers;
} {
  const isHostile = options.isHostile === true;
  const containers: SampleContainers = {
    web: buildContainer({
      id: 'c0ffee0000000000000000000000000000000000000000000000000000000001',
      name: isHostile ? HOSTILE_NAME : 'web',
      image: 'cgtest-nginx:1.25',
      labels: isHostile ? { note: HOSTILE_EVIDENCE } : { 'com.docker.compose.service': 'web' },
      workload: { orchestrator: 'compose', name: isHostile ? HOSTILE_NAME : 'web' },
    }),
    db: buildContainer({
      id: 'c0ffee0000000000000000000000000000000000000000000000000000000002',
      name: 'db',
      image: 'cgtest-postgres:16',
      state: 'exited',
    }),
    privileged: buildContainer({
      id: 'c0ffee0000000000000000000000000000000000000000000000000000000003',
      name: 'priv',
      state: 'created',
      isPrivileged: true,
    }),
    hardened: buildContainer({
      id: 'c0ffee0000000000000000000000000000000000000000000000000000000004',
      name: 'hardened',
      user: '1000',
      capDrop: ['ALL'],
      isReadOnlyRootfs: true,
      hasNoNewPrivileges: true,
    }),
  };
  const host = buildHost(isHostile ? { hostname: `${HOSTILE_NAME}-host` } : {});
  const image = buildImage();
  const snapshot: Snapshot = {
    collectedAt: STARTED_AT,
    collector: { tool: 'coastguard', version: '0.1.0' },
    engineEndpoint: 'unix:///var/run/docker.sock',
    host,
    daemon: buildDaemon(),
    images: [image, buildImage({ id: 'sha256:2222', repoTags: ['cgtest-nginx:1.25'] })],
    containers: Object.values(containers),
    networks: [buildNetwork()],
    notes: [
      {
        subject: isHostile ? `container ${HOSTILE_NAME}` : 'container gone-1',
        message: isHostile ? HOSTILE_EVIDENCE : 'removed during the scan; skipped',
      },
    ],
  };

  const { web, db, privileged, hardened } = containers;
  const hostSubject: Subject = { kind: 'host', id: host.id, name: host.hostname };
  const daemonSubject: Subject = { kind: 'daemon', id: host.id, name: 'dockerd' };
  const imageSubject: Subject = { kind: 'image', id: image.id, name: 'cgtest-busybox:1' };
  const results: CheckResult[] = [
    buildResult({
      checkId: 'container-privileged',
      cisId: '5.5',
      title: 'Ensure that privileged containers are not used',
      status: 'fail',
      severity: 'critical',
      subject: containerSubject(privileged),
      evidence: 'HostConfig.Privileged=true',
      remediation: 'Run the container without --privileged; add only the capabilities it needs.',
    }),
    buildResult({
      checkId: 'container-privileged',
      cisId: '5.5',
      title: 'Ensure that privileged containers are not used',
      status: 'pass',
      severity: 'critical',
      subject: containerSubject(hardened),
      evidence: 'HostConfig.Privileged=false',
    }),
    buildResult({
      checkId: 'container-runtime-socket-mounted',
      cisId: '5.32',
      title: 'Ensure that the Docker socket is not mounted inside any containers',
      status: 'fail',
      severity: 'critical',
      subject: containerSubject(web),
      evidence: isHostile ? HOSTILE_EVIDENCE : 'Mounts[0]=/var/run/docker.sock:/var/run/docker.sock (rw)',
      remediation: 'Remove the bind mount of /var/run/docker.sock.',
    }),
    buildResult({
      checkId: 'daemon-tls',
      cisId: '2.7',
      title: 'Ensure TLS authentication for Docker daemon is configured',
      status: 'not-applicable',
      severity: 'critical',
      subject: daemonSubject,
      evidence: 'the daemon listens on a unix socket only',
    }),
    buildResult({
      checkId: 'container-host-network',
      cisId: '5.10',
      title: "Ensure that the host's network namespace is not shared",
      status: 'pass',
      severity: 'high',
      subject: containerSubject(web),
      evidence: 'HostConfig.NetworkMode=bridge',
    }),
    buildResult({
      checkId: 'runtime-version-supported',
      cisId: '1.2.2',
      title: 'Ensure that the version of Docker is up to date',
      status: 'manual',
      severity: 'high',
      subject: daemonSubject,
      evidence: isHostile
        ? `review ${HOSTILE_CONTROL}`
        : 'Docker 20.10.24 is installed; compare it with the releases your vendor supports.',
    }),
    buildResult({
      checkId: 'daemon-access-restricted',
      cisId: '1.1.2',
      title: 'Ensure only trusted users are allowed to control Docker daemon',
      status: 'error',
      severity: 'high',
      subject: hostSubject,
      evidence: 'cannot read /etc/group: permission denied',
    }),
    buildResult({
      checkId: 'container-runs-as-root',
      cisId: '4.1',
      title: 'Ensure that a user for the container has been created',
      status: 'fail',
      severity: 'medium',
      subject: containerSubject(web),
      evidence: 'Config.User is empty (runs as root)',
    }),
    buildResult({
      checkId: 'image-runs-as-root',
      cisId: '4.1',
      title: 'Ensure that a user for the container has been created',
      status: 'fail',
      severity: 'medium',
      subject: imageSubject,
      evidence: 'Config.User is empty',
    }),
    buildResult({
      checkId: 'host-audit-logging',
      cisId: '1.1.3',
      title: 'Ensure auditing is configured for the Docker daemon',
      status: 'fail',
      severity: 'medium',
      subject: hostSubject,
      evidence: 'no audit rule watches /usr/bin/dockerd',
    }),
    buildResult({
      checkId: 'resource-limits-memory',
      cisId: '5.11',
      title: 'Ensure that the memory usage for containers is limited',
      status: 'fail',
      severity: 'low',
      subject: containerSubject(web),
      evidence: 'HostConfig.Memory=0',
    }),
    buildResult({
      checkId: 'resource-limits-memory',
      cisId: '5.11',
      title: 'Ensure that the memory usage for containers is limited',
      status: 'fail',
      severity: 'low',
      subject: containerSubject(db),
      evidence: isHostile ? HOSTILE_CONTROL : 'HostConfig.Memory=0',
    }),
    buildResult({
      checkId: 'resource-limits-cpu-pids',
      cisId: '5.29',
      title: 'Ensure that the PIDs cgroup limit is used',
      status: 'pass',
      severity: 'low',
      subject: containerSubject(hardened),
      evidence: 'HostConfig.PidsLimit=100',
    }),
    buildResult({
      checkId: 'cis-docker-2.2',
      cisId: '2.2',
      title: 'Ensure the logging level is set to info',
      status: 'fail',
      severity: 'info',
      subject: daemonSubject,
      evidence: 'log-level=debug',
    }),
    buildResult({
      checkId: 'daemon-network-settings',
      title: 'Network traffic between containers on the default bridge is restricted',
      status: 'fail',
      severity: 'info',
      subject: {
        kind: 'network',
        id: 'net0000000000000000000000000000000000000000000000000000000000001',
        name: 'bridge',
      },
      evidence: 'com.docker.network.bridge.enable_icc=true',
    }),
  ];
  const fixedResult = buildResult({
    checkId: 'container-host-ports',
    cisId: '5.8',
    title: 'Ensure privileged ports are not mapped within containers',
    status: 'fail',
    severity: 'medium',
    subject: containerSubject(web),
  });

  const assessment: Assessment = {
    id: '00000000-0000-4000-8000-000000000002',
    startedAt: STARTED_AT,
    finishedAt: FINISHED_AT,
    tool: { name: 'coastguard', version: '0.1.0' },
    snapshot,
    results,
    summary: countStatuses(results),
    ...(options.hasChanges === false ? {} : { changes: buildChanges(host.id, results, fixedResult) }),
  };
  return { assessment, containers };
}

/** A host with nothing on it and no results: every reporter must still say something sensible. */
export function buildEmptyAssessment(): Assessment {
  const { assessment } = buildAssessment({ hasChanges: false });
  const snapshot: Snapshot = { ...assessment.snapshot, images: [], containers: [], networks: [], notes: [] };
  return { ...assessment, snapshot, results: [], summary: countStatuses([]) };
}
