// The daemon's effective configuration: daemon.json merged with the dockerd command line (flags win; dockerd
// refuses to start when both set the same key, so a conflict means the file changed after startup).
import type { DaemonOptions } from '../../core/inventory/daemon.js';
import { parseDaemonFlags } from './daemon-flags.js';
import { DEFAULT_DAEMON_JSON, readDaemonJson } from './daemon-json.js';
import { findDockerdProcess } from './dockerd-process.js';
import { redactCommandLine, redactDaemonOptions } from './redact.js';

export interface DaemonConfiguration {
  options: DaemonOptions;
  configSources: { daemonJson?: string; commandLine?: string[] };
  configErrors: string[];
  /** The daemon.json path in use (from --config-file or the default), read or not. */
  daemonJsonPath: string;
  /** The dockerd pid, when visible: its mount namespace is the one that matters for the data root. */
  dockerdPid?: number;
}

export function mergeDaemonOptions(fromFile: DaemonOptions, fromFlags: DaemonOptions): DaemonOptions {
  return { ...fromFile, ...fromFlags };
}

export async function collectDaemonConfiguration(procRoot = '/proc'): Promise<DaemonConfiguration> {
  const configErrors: string[] = [];
  const dockerd = await findDockerdProcess(procRoot).catch((err: unknown) => {
    configErrors.push(`cannot list processes in ${procRoot}: ${(err as Error).message}`);
    return undefined;
  });
  const flags = dockerd ? parseDaemonFlags(dockerd.argv) : undefined;
  if (!dockerd) {
    configErrors.push(
      'no dockerd process visible on this host (remote engine or another pid namespace): command-line flags unknown',
    );
  }
  configErrors.push(...(flags?.errors ?? []));
  const daemonJsonPath = flags?.configFile ?? DEFAULT_DAEMON_JSON;
  const json = await readDaemonJson(daemonJsonPath);
  if (json.status === 'error') configErrors.push(json.error);

  const configuration: DaemonConfiguration = {
    options: redactDaemonOptions(
      mergeDaemonOptions(json.status === 'read' ? json.options : {}, flags?.options ?? {}),
    ),
    configSources: {},
    configErrors,
    daemonJsonPath,
  };
  if (json.status === 'read') configuration.configSources.daemonJson = json.path;
  if (dockerd) {
    configuration.configSources.commandLine = redactCommandLine(dockerd.argv);
    configuration.dockerdPid = dockerd.pid;
  }
  return configuration;
}
