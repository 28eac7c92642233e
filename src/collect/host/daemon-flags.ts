// Parses the dockerd command line into daemon.json option names, so flags and the configuration file can be
// merged into one effective configuration. Pure.
//
// Grammar (Go pflag, as dockerd uses it; dockerd takes no positional arguments, so a bare word always belongs to
// the flag before it):
//   argv      = "dockerd" { flag }
//   flag      = "--" name [ "=" value | " " value ] | "-" letter [ [ "=" ] value | " " value ]
//   boolean flags never take a separate word: `--icc=false`, or `--icc` for true.
import type { DaemonOptions } from '../../core/inventory/daemon.js';

type FlagKind = 'bool' | 'string' | 'list' | 'map' | 'ulimits';

interface FlagSpec {
  /** The daemon.json key the flag sets. */
  key: string;
  kind: FlagKind;
}

/**
 * dockerd flags by kind and daemon.json key. Unknown flags map `--name` to `name`: a string when a value follows,
 * else a boolean.
 */
const FLAGS: Record<string, FlagSpec> = {
  'insecure-registry': { key: 'insecure-registries', kind: 'list' },
  'registry-mirror': { key: 'registry-mirrors', kind: 'list' },
  host: { key: 'hosts', kind: 'list' },
  tls: { key: 'tls', kind: 'bool' },
  tlsverify: { key: 'tlsverify', kind: 'bool' },
  icc: { key: 'icc', kind: 'bool' },
  'userland-proxy': { key: 'userland-proxy', kind: 'bool' },
  'no-new-privileges': { key: 'no-new-privileges', kind: 'bool' },
  'live-restore': { key: 'live-restore', kind: 'bool' },
  'authorization-plugin': { key: 'authorization-plugins', kind: 'list' },
  'default-ulimit': { key: 'default-ulimits', kind: 'ulimits' },
  experimental: { key: 'experimental', kind: 'bool' },
  'log-opt': { key: 'log-opts', kind: 'map' },
  'storage-opt': { key: 'storage-opts', kind: 'list' },
  'exec-opt': { key: 'exec-opts', kind: 'list' },
  label: { key: 'labels', kind: 'list' },
  dns: { key: 'dns', kind: 'list' },
  'dns-opt': { key: 'dns-opts', kind: 'list' },
  'dns-search': { key: 'dns-search', kind: 'list' },
  'add-runtime': { key: 'runtimes', kind: 'list' },
  iptables: { key: 'iptables', kind: 'bool' },
  ip6tables: { key: 'ip6tables', kind: 'bool' },
  'ip-forward': { key: 'ip-forward', kind: 'bool' },
  'ip-masq': { key: 'ip-masq', kind: 'bool' },
  ipv6: { key: 'ipv6', kind: 'bool' },
  'selinux-enabled': { key: 'selinux-enabled', kind: 'bool' },
  debug: { key: 'debug', kind: 'bool' },
  'raw-logs': { key: 'raw-logs', kind: 'bool' },
  rootless: { key: 'rootless', kind: 'bool' },
  init: { key: 'init', kind: 'bool' },
  'disable-legacy-registry': { key: 'disable-legacy-registry', kind: 'bool' },
  graph: { key: 'data-root', kind: 'string' },
  ...Object.fromEntries(
    [
      'api-cors-header',
      'bip',
      'bridge',
      'cgroup-parent',
      'config-file',
      'containerd',
      'data-root',
      'default-cgroupns-mode',
      'default-gateway',
      'default-ipc-mode',
      'default-runtime',
      'default-shm-size',
      'exec-root',
      'fixed-cidr',
      'group',
      'init-path',
      'ip',
      'log-driver',
      'log-level',
      'max-concurrent-downloads',
      'max-concurrent-uploads',
      'metrics-addr',
      'mtu',
      'oom-score-adjust',
      'pidfile',
      'seccomp-profile',
      'shutdown-timeout',
      'storage-driver',
      'swarm-default-advertise-addr',
      'tlscacert',
      'tlscert',
      'tlskey',
      'userland-proxy-path',
      'userns-remap',
    ].map((name): [string, FlagSpec] => [name, { key: name, kind: 'string' }]),
  ),
};

/** Single-letter aliases dockerd accepts. */
const SHORT: Record<string, string> = {
  H: 'host',
  D: 'debug',
  l: 'log-level',
  s: 'storage-driver',
  g: 'graph',
  G: 'group',
  p: 'pidfile',
  b: 'bridge',
};

export interface ParsedDaemonFlags {
  options: DaemonOptions;
  /** The daemon.json path given with --config-file, when one was. */
  configFile?: string;
  errors: string[];
}

/** `argv` as read from /proc/PID/cmdline, including the program name. */
export function parseDaemonFlags(argv: readonly string[]): ParsedDaemonFlags {
  const options: DaemonOptions = {};
  const errors: string[] = [];
  let configFile: string | undefined;
  for (let i = 1; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    const parsed = splitFlag(arg);
    if (!parsed) {
      errors.push(`dockerd argument ${JSON.stringify(arg)} is not a flag`);
      continue;
    }
    const { name } = parsed;
    const spec = FLAGS[name] ?? { key: name, kind: 'string' };
    let value = parsed.value;
    if (value === undefined && spec.kind !== 'bool') {
      const next = argv[i + 1];
      if (next !== undefined && !next.startsWith('-')) {
        value = next;
        i += 1;
      }
    }
    if (name === 'config-file') {
      if (value) configFile = value;
      continue;
    }
    if (spec.kind === 'bool' || (value === undefined && FLAGS[name] === undefined)) {
      const flag = parseGoBool(value ?? 'true');
      if (flag === undefined)
        errors.push(`dockerd flag --${name} has a value that is not a boolean: ${value}`);
      else options[spec.key] = flag;
      continue;
    }
    if (value === undefined) {
      errors.push(`dockerd flag --${name} has no value`);
      continue;
    }
    applyValue(options, spec, value, errors, name);
  }
  const result: ParsedDaemonFlags = { options, errors };
  if (configFile !== undefined) result.configFile = configFile;
  return result;
}

function applyValue(
  options: DaemonOptions,
  spec: FlagSpec,
  value: string,
  errors: string[],
  name: string,
): void {
  switch (spec.kind) {
    case 'list': {
      const previous = options[spec.key];
      options[spec.key] = [...(Array.isArray(previous) ? previous : []), value];
      return;
    }
    case 'map': {
      const eq = value.indexOf('=');
      if (eq <= 0) {
        errors.push(`dockerd flag --${name} expects key=value, got ${JSON.stringify(value)}`);
        return;
      }
      const previous = options[spec.key];
      const map = isRecord(previous) ? previous : {};
      options[spec.key] = { ...map, [value.slice(0, eq)]: value.slice(eq + 1) };
      return;
    }
    case 'ulimits': {
      const ulimit = parseUlimit(value);
      if (!ulimit) {
        errors.push(`dockerd flag --${name} expects name=soft[:hard], got ${JSON.stringify(value)}`);
        return;
      }
      const previous = options[spec.key];
      const map = isRecord(previous) ? previous : {};
      options[spec.key] = { ...map, [ulimit.Name]: ulimit };
      return;
    }
    default:
      options[spec.key] = value;
  }
}

function splitFlag(arg: string): { name: string; value?: string } | undefined {
  if (arg.startsWith('--') && arg.length > 2) {
    const eq = arg.indexOf('=');
    return eq < 0 ? { name: arg.slice(2) } : { name: arg.slice(2, eq), value: arg.slice(eq + 1) };
  }
  if (arg.startsWith('-') && arg.length > 1 && arg[1] !== '-') {
    const letter = arg[1] ?? '';
    const name = SHORT[letter] ?? letter;
    const rest = arg.slice(2).replace(/^=/, '');
    return rest === '' ? { name } : { name, value: rest };
  }
  return undefined;
}

/** Go's strconv.ParseBool, which pflag uses. */
export function parseGoBool(value: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return false;
  return undefined;
}

/** `nofile=1024:2048` → the daemon.json form `{ Name, Soft, Hard }`; a single number sets both. */
export function parseUlimit(value: string): { Name: string; Soft: number; Hard: number } | undefined {
  const match = /^([a-z]+)=(-?\d+)(?::(-?\d+))?$/.exec(value);
  if (!match) return undefined;
  const soft = Number(match[2]);
  return { Name: match[1] ?? '', Soft: soft, Hard: match[3] === undefined ? soft : Number(match[3]) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
