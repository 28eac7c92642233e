// The Docker daemon: its reported facts and its effective configuration (daemon.json merged with flags).

/**
 * Effective options keyed by daemon.json names (`icc`, `log-level`, `tlsverify`, `insecure-registries`…).
 * Values from the command line win over daemon.json, as dockerd itself refuses conflicts.
 */
export type DaemonOptions = Record<string, string | boolean | string[] | Record<string, unknown>>;

export interface SwarmInfo {
  state: 'inactive' | 'pending' | 'active' | 'error' | 'locked' | string;
  isManager: boolean;
  managers?: number;
  nodes?: number;
  isAutoLockEnabled?: boolean;
  /** Data-path / advertise addresses, to tell management from data traffic (CIS 7.9). */
  nodeAddress?: string;
}

export interface Daemon {
  serverVersion: string;
  apiVersion: string;
  storageDriver: string;
  loggingDriver: string;
  cgroupDriver: string;
  cgroupVersion: string;
  /** As reported in `docker info` SecurityOptions, e.g. `name=seccomp,profile=default`, `name=userns`. */
  securityOptions: string[];
  isExperimental: boolean;
  isLiveRestoreEnabled: boolean;
  isRootless: boolean;
  /** Registries the daemon talks to without TLS verification, as reported by the engine. */
  insecureRegistries: string[];
  authorizationPlugins: string[];
  swarm: SwarmInfo;
  options: DaemonOptions;
  /** Where `options` came from: the daemon.json path and the dockerd command line, when readable. */
  configSources: { daemonJson?: string; commandLine?: string[] };
  /** Problems reading the configuration, shown in the report instead of guessing. */
  configErrors: string[];
}
