// Reads one option of the daemon's effective configuration, telling "not set" apart from "could not be read":
// an option missing because daemon.json or the dockerd command line was unreadable must never count as a default.
import type { Daemon, DaemonOptions } from '../../core/inventory/daemon.js';
import { cannotTell, fail, type Judgement, pass } from './judge.js';

export type OptionValue = DaemonOptions[string];

export type OptionReading =
  | { kind: 'set'; value: OptionValue }
  | { kind: 'unset' }
  | { kind: 'unknown'; reason: string };

export function readOption(daemon: Daemon, key: string): OptionReading {
  const value = daemon.options[key];
  if (value !== undefined) return { kind: 'set', value };
  if (daemon.configErrors.length > 0) {
    return { kind: 'unknown', reason: `daemon configuration unreadable: ${daemon.configErrors.join('; ')}` };
  }
  if (!daemon.configSources.commandLine) {
    return {
      kind: 'unknown',
      reason: `${key} not in daemon.json and the dockerd command line could not be read`,
    };
  }
  return { kind: 'unset' };
}

/** daemon.json holds booleans; flags parsed from the command line may arrive as 'true'/'false' strings. */
export function toBoolean(value: OptionValue): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const lower = value.trim().toLowerCase();
    if (lower === 'true' || lower === '1') return true;
    if (lower === 'false' || lower === '0') return false;
  }
  return undefined;
}

/** A flag given once is a string; daemon.json lists (and repeated flags) are arrays. */
export function toStringList(value: OptionValue): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value;
  return [];
}

export function formatOption(key: string, value: OptionValue): string {
  if (typeof value === 'string' || typeof value === 'boolean') return `${key}=${value}`;
  return `${key}=${JSON.stringify(value)}`;
}

export function formatUnset(key: string, meaning: string): string {
  return `${key} not set in daemon.json or dockerd flags (${meaning})`;
}

/** Decides a check on one option: unreadable configuration is an error, never the default. */
export function decideOption(
  daemon: Daemon,
  key: string,
  decide: { whenUnset: Judgement; whenSet: (value: OptionValue) => Judgement },
): Judgement {
  const reading = readOption(daemon, key);
  if (reading.kind === 'unknown') return cannotTell(reading.reason);
  if (reading.kind === 'unset') return decide.whenUnset;
  return decide.whenSet(reading.value);
}

/** A boolean option that must equal `expected`; `defaultValue` is what dockerd does when it is not set. */
export function decideBooleanOption(
  daemon: Daemon,
  key: string,
  expected: boolean,
  defaultValue: boolean,
): Judgement {
  const unset = formatUnset(key, `default ${defaultValue}`);
  return decideOption(daemon, key, {
    whenUnset: defaultValue === expected ? pass(unset) : fail(unset),
    whenSet: (value) => {
      const flag = toBoolean(value);
      if (flag === undefined) return cannotTell(`${formatOption(key, value)} is not a boolean`);
      return flag === expected ? pass(formatOption(key, value)) : fail(formatOption(key, value));
    },
  });
}

/** Whether `docker info` SecurityOptions lists a feature: `name=apparmor`, `name=selinux`, `name=userns`… */
export function hasSecurityFeature(daemon: Daemon, name: string): boolean {
  return daemon.securityOptions.some((o) => o.split(',').includes(`name=${name}`));
}
