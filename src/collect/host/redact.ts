// Log driver options can carry credentials (splunk-token, for one); the snapshot is stored and reported, so their
// values are replaced before anything else sees them, both in the options and in the recorded command line.
import type { DaemonOptions } from '../../core/inventory/daemon.js';

export const REDACTED = '<redacted>';
const SECRET_KEY = /token|secret|password|passwd|credential|private-key/i;

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

export function redactDaemonOptions(options: DaemonOptions): DaemonOptions {
  const logOpts = options['log-opts'];
  if (typeof logOpts !== 'object' || logOpts === null || Array.isArray(logOpts)) return options;
  const redacted = Object.fromEntries(
    Object.entries(logOpts).map(([key, value]) => [key, isSecretKey(key) ? REDACTED : value]),
  );
  return { ...options, 'log-opts': redacted };
}

/** Redacts `key=value` words whose key looks secret (`--log-opt splunk-token=…`, `--log-opt=splunk-token=…`). */
export function redactCommandLine(argv: readonly string[]): string[] {
  return argv.map((arg) => {
    const match = /^((?:--[a-z-]+=)?)([^=\s]+)=(.*)$/s.exec(arg);
    if (!match || !isSecretKey(match[2] ?? '')) return arg;
    return `${match[1]}${match[2]}=${REDACTED}`;
  });
}
