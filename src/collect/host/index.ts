// The host part of a snapshot: identity, platform, the files and audit rules CIS sections 1–3 judge, and the
// daemon's effective configuration. Reads this machine only; for a remote engine it reads nothing and says so.
import { hostname } from 'node:os';
import type { Host } from '../../core/inventory/host.js';
import type { CollectionNote } from '../../core/inventory/snapshot.js';
import { collectAuditRules } from './audit-rules.js';
import type { DaemonConfiguration } from './daemon-config.js';
import { collectHostFiles } from './files.js';
import { collectDataRoot } from './mountinfo.js';
import { detectPlatform, type PlatformInputs, readPlatformInputs } from './platform.js';

export { collectDaemonConfiguration, type DaemonConfiguration } from './daemon-config.js';

export const DEFAULT_DATA_ROOT = '/var/lib/docker';
export const DEFAULT_DOCKER_SOCKET = '/var/run/docker.sock';

/** What the engine says about the machine (`GET /info`). */
export interface EngineHostInfo {
  ID?: string;
  Name?: string;
  OperatingSystem?: string;
  KernelVersion?: string;
  Architecture?: string;
  DockerRootDir?: string;
}

export interface CollectHostInput {
  info: EngineHostInfo;
  configuration: DaemonConfiguration;
  /** Whether the engine runs on this machine, so its files are ours to read. */
  isLocal: boolean;
  /** The unix socket we reached the engine on, if any. */
  engineSocket?: string;
}

/** The host before its platform is decided: that needs the containers' labels, collected alongside. */
export interface CollectedHost {
  host: Omit<Host, 'platform'>;
  /** Undefined for a remote engine, whose platform cannot be seen from here. */
  platformSigns?: Omit<PlatformInputs, 'containerLabelKeys'>;
  notes: CollectionNote[];
}

/** Completes the host with its platform, once the containers' label keys are known. */
export function completeHost(collected: CollectedHost, containerLabelKeys: readonly string[]): Host {
  const platform = collected.platformSigns
    ? detectPlatform({ ...collected.platformSigns, containerLabelKeys })
    : 'unknown';
  return { ...collected.host, platform };
}

/** The daemon configuration of a remote engine cannot be read from here. */
export function remoteDaemonConfiguration(): DaemonConfiguration {
  return {
    options: {},
    configSources: {},
    configErrors: [
      'the engine is on another machine: daemon.json and the dockerd command line were not read',
    ],
    daemonJsonPath: '/etc/docker/daemon.json',
  };
}

/** Unix sockets the daemon listens on: from its `hosts` option, and the one we connected to. */
export function listDockerSockets(hosts: unknown, engineSocket: string | undefined): string[] {
  const fromOptions = (Array.isArray(hosts) ? hosts : typeof hosts === 'string' ? [hosts] : [])
    .filter((h): h is string => typeof h === 'string' && h.startsWith('unix://'))
    .map((h) => h.slice('unix://'.length) || DEFAULT_DOCKER_SOCKET);
  const sockets = [...new Set([...(engineSocket ? [engineSocket] : []), ...fromOptions])];
  return sockets.length > 0 ? sockets : [DEFAULT_DOCKER_SOCKET];
}

export async function collectHost(input: CollectHostInput): Promise<CollectedHost> {
  const { info, configuration } = input;
  const name = info.Name || hostname();
  const dataRootPath = info.DockerRootDir || DEFAULT_DATA_ROOT;
  const identity = {
    id: info.ID || name,
    hostname: name,
    operatingSystem: info.OperatingSystem ?? '',
    kernelVersion: info.KernelVersion ?? '',
    architecture: info.Architecture ?? '',
  };
  if (!input.isLocal) {
    const host: CollectedHost['host'] = {
      ...identity,
      files: [],
      auditRules: {
        isAvailable: false,
        rules: [],
        sources: [],
        errors: ['the engine is on another machine'],
      },
      dataRoot: { path: dataRootPath },
    };
    const note = {
      subject: 'host',
      message: 'the engine is remote: host files, audit rules and mounts were not read',
    };
    return { host, notes: [note] };
  }

  const options = configuration.options;
  const isTls = options.tlsverify === true || options.tls === true;
  const tls: Parameters<typeof collectHostFiles>[0]['tls'] = { isEnabled: isTls };
  if (typeof options.tlscacert === 'string') tls.cacert = options.tlscacert;
  if (typeof options.tlscert === 'string') tls.cert = options.tlscert;
  if (typeof options.tlskey === 'string') tls.key = options.tlskey;

  const [files, auditRules, dataRoot, platformSigns] = await Promise.all([
    collectHostFiles({
      daemonJsonPath: configuration.daemonJsonPath,
      dockerSockets: listDockerSockets(options.hosts, input.engineSocket),
      tls,
    }),
    collectAuditRules(),
    collectDataRoot(dataRootPath, configuration.dockerdPid ? { dockerdPid: configuration.dockerdPid } : {}),
    readPlatformInputs(),
  ]);
  const notes: CollectionNote[] = files.errors.map((message) => ({ subject: 'host accounts', message }));
  if (dataRoot.error) notes.push({ subject: `data root ${dataRootPath}`, message: dataRoot.error });

  const host: CollectedHost['host'] = {
    ...identity,
    files: files.files,
    auditRules,
    dataRoot: { path: dataRoot.path },
  };
  if (dataRoot.isSeparateMount !== undefined) host.dataRoot.isSeparateMount = dataRoot.isSeparateMount;
  if (dataRoot.mountPoint !== undefined) host.dataRoot.mountPoint = dataRoot.mountPoint;
  if (files.dockerGroupMembers !== undefined) host.dockerGroupMembers = files.dockerGroupMembers;
  return { host, platformSigns, notes };
}
