// The daemon as the engine reports it (`GET /info`, `GET /version`), turned into the core Daemon. Its effective
// configuration (daemon.json and flags) comes from collect/host and is merged in by the caller.
import type { Daemon, SwarmInfo } from '../../core/inventory/daemon.js';
import { type EngineClient, requestEngine } from './engine-client.js';

/** The subset of `GET /info` we read (API 1.41). */
export interface EngineInfo {
  ID?: string;
  Name?: string;
  ServerVersion?: string;
  OperatingSystem?: string;
  OSType?: string;
  KernelVersion?: string;
  Architecture?: string;
  DockerRootDir?: string;
  Driver?: string;
  LoggingDriver?: string;
  CgroupDriver?: string;
  CgroupVersion?: string;
  SecurityOptions?: string[] | null;
  ExperimentalBuild?: boolean;
  LiveRestoreEnabled?: boolean;
  Labels?: string[] | null;
  RegistryConfig?: {
    InsecureRegistryCIDRs?: string[] | null;
    IndexConfigs?: Record<string, { Name?: string; Secure?: boolean; Official?: boolean }> | null;
  } | null;
  Plugins?: { Authorization?: string[] | null } | null;
  Swarm?: {
    LocalNodeState?: string;
    ControlAvailable?: boolean;
    NodeAddr?: string;
    Managers?: number;
    Nodes?: number;
    Cluster?: { Spec?: { EncryptionConfig?: { AutoLockManagers?: boolean } | null } | null } | null;
  } | null;
}

/** The subset of `GET /version` we read. */
export interface EngineVersion {
  Version?: string;
  ApiVersion?: string;
}

export interface EngineFacts {
  info: EngineInfo;
  version: EngineVersion;
}

/** What collect/host found about the daemon's configuration. */
export type DaemonConfigurationPart = Pick<Daemon, 'options' | 'configSources' | 'configErrors'>;

export async function fetchEngineFacts(client: EngineClient, signal?: AbortSignal): Promise<EngineFacts> {
  const [info, version] = await Promise.all([
    requestEngine<EngineInfo>(client, '/info', { signal }),
    requestEngine<EngineVersion>(client, '/version', { signal }),
  ]);
  return { info, version };
}

export function buildDaemon(facts: EngineFacts, configuration: DaemonConfigurationPart): Daemon {
  const { info, version } = facts;
  const securityOptions = info.SecurityOptions ?? [];
  return {
    serverVersion: version.Version ?? info.ServerVersion ?? '',
    apiVersion: version.ApiVersion ?? '',
    storageDriver: info.Driver ?? '',
    loggingDriver: info.LoggingDriver ?? '',
    cgroupDriver: info.CgroupDriver ?? '',
    cgroupVersion: info.CgroupVersion ?? '',
    securityOptions,
    isExperimental: info.ExperimentalBuild === true,
    isLiveRestoreEnabled: info.LiveRestoreEnabled === true,
    isRootless: securityOptions.some((o) => o.split(',').includes('name=rootless')),
    insecureRegistries: listInsecureRegistries(info),
    authorizationPlugins: info.Plugins?.Authorization ?? [],
    swarm: buildSwarm(info.Swarm),
    options: configuration.options,
    configSources: configuration.configSources,
    configErrors: configuration.configErrors,
  };
}

/**
 * Registries reached without TLS verification, exactly as the engine reports them: CIDRs (including the built-in
 * 127.0.0.0/8) and index names marked not secure. Whether one is acceptable is the check's call.
 */
export function listInsecureRegistries(info: EngineInfo): string[] {
  const cidrs = info.RegistryConfig?.InsecureRegistryCIDRs ?? [];
  const names = Object.entries(info.RegistryConfig?.IndexConfigs ?? {})
    .filter(([, index]) => index.Secure === false)
    .map(([key, index]) => index.Name ?? key);
  return [...new Set([...cidrs, ...names])];
}

function buildSwarm(swarm: EngineInfo['Swarm']): SwarmInfo {
  const state = swarm?.LocalNodeState || 'inactive';
  const result: SwarmInfo = { state, isManager: swarm?.ControlAvailable === true };
  if (swarm?.NodeAddr) result.nodeAddress = swarm.NodeAddr;
  if (result.isManager) {
    if (typeof swarm?.Managers === 'number') result.managers = swarm.Managers;
    if (typeof swarm?.Nodes === 'number') result.nodes = swarm.Nodes;
    const autoLock = swarm?.Cluster?.Spec?.EncryptionConfig?.AutoLockManagers;
    if (typeof autoLock === 'boolean') result.isAutoLockEnabled = autoLock;
  }
  return result;
}
