// CIS Docker 1.6 §3.1–3.24: ownership and permissions of the daemon's units, sockets, configuration and
// certificates. Anyone who can write them controls the daemon; anyone who can read a key can impersonate it.
import type { Daemon } from '../../core/inventory/daemon.js';
import type { HostFile, HostFileRole } from '../../core/inventory/host.js';
import { readOption } from './daemon-options.js';
import { type CisDockerCheck, defineCheck } from './define-check.js';
import { cannotTell, fail, type Judgement, notApplicable, onHost, pass } from './judge.js';

type Expectation = { owner: 'root:root' | 'root:docker' } | { maxMode: number };

interface FileRule {
  cisId: string;
  title: string;
  role: HostFileRole;
  expect: Expectation;
}

const LABELS: Record<HostFileRole, string> = {
  'docker.service': 'docker.service',
  'docker.socket': 'docker.socket',
  'etc-docker': '/etc/docker',
  'daemon.json': 'daemon.json',
  'etc-default-docker': '/etc/default/docker',
  'etc-sysconfig-docker': '/etc/sysconfig/docker',
  'containerd.sock': 'containerd.sock',
  'docker.sock': 'docker.sock',
  'tls-ca': 'TLS CA certificate',
  'tls-cert': 'TLS server certificate',
  'tls-key': 'TLS server key',
  'registry-cert': 'registry certificate',
};

/** TLS files exist only when the daemon is configured with them: no fact and no option means nothing to check. */
const TLS_OPTION: Partial<Record<HostFileRole, string>> = {
  'tls-ca': 'tlscacert',
  'tls-cert': 'tlscert',
  'tls-key': 'tlskey',
};

const owner = (
  cisId: string,
  title: string,
  role: HostFileRole,
  who: 'root:root' | 'root:docker' = 'root:root',
) => ({ cisId, title, role, expect: { owner: who } }) satisfies FileRule;
const mode = (cisId: string, title: string, role: HostFileRole, maxMode: number) =>
  ({ cisId, title, role, expect: { maxMode } }) satisfies FileRule;

const RULES: readonly FileRule[] = [
  owner('3.1', 'Ensure that the docker.service file ownership is set to root:root', 'docker.service'),
  mode('3.2', 'Ensure that docker.service file permissions are appropriately set', 'docker.service', 0o644),
  owner('3.3', 'Ensure that docker.socket file ownership is set to root:root', 'docker.socket'),
  mode(
    '3.4',
    'Ensure that docker.socket file permissions are set to 644 or more restrictive',
    'docker.socket',
    0o644,
  ),
  owner('3.5', 'Ensure that the /etc/docker directory ownership is set to root:root', 'etc-docker'),
  mode(
    '3.6',
    'Ensure that /etc/docker directory permissions are set to 755 or more restrictively',
    'etc-docker',
    0o755,
  ),
  owner('3.7', 'Ensure that registry certificate file ownership is set to root:root', 'registry-cert'),
  mode(
    '3.8',
    'Ensure that registry certificate file permissions are set to 444 or more restrictively',
    'registry-cert',
    0o444,
  ),
  owner('3.9', 'Ensure that TLS CA certificate file ownership is set to root:root', 'tls-ca'),
  mode(
    '3.10',
    'Ensure that TLS CA certificate file permissions are set to 444 or more restrictively',
    'tls-ca',
    0o444,
  ),
  owner('3.11', 'Ensure that Docker server certificate file ownership is set to root:root', 'tls-cert'),
  mode(
    '3.12',
    'Ensure that the Docker server certificate file permissions are set to 444 or more restrictively',
    'tls-cert',
    0o444,
  ),
  owner(
    '3.13',
    'Ensure that the Docker server certificate key file ownership is set to root:root',
    'tls-key',
  ),
  mode(
    '3.14',
    'Ensure that the Docker server certificate key file permissions are set to 400',
    'tls-key',
    0o400,
  ),
  owner(
    '3.15',
    'Ensure that the Docker socket file ownership is set to root:docker',
    'docker.sock',
    'root:docker',
  ),
  mode(
    '3.16',
    'Ensure that the Docker socket file permissions are set to 660 or more restrictively',
    'docker.sock',
    0o660,
  ),
  owner('3.17', 'Ensure that the daemon.json file ownership is set to root:root', 'daemon.json'),
  mode(
    '3.18',
    'Ensure that daemon.json file permissions are set to 644 or more restrictive',
    'daemon.json',
    0o644,
  ),
  owner(
    '3.19',
    'Ensure that the /etc/default/docker file ownership is set to root:root',
    'etc-default-docker',
  ),
  mode(
    '3.20',
    'Ensure that the /etc/default/docker file permissions are set to 644 or more restrictively',
    'etc-default-docker',
    0o644,
  ),
  mode(
    '3.21',
    'Ensure that the /etc/sysconfig/docker file permissions are set to 644 or more restrictively',
    'etc-sysconfig-docker',
    0o644,
  ),
  owner(
    '3.22',
    'Ensure that the /etc/sysconfig/docker file ownership is set to root:root',
    'etc-sysconfig-docker',
  ),
  owner('3.23', 'Ensure that the Containerd socket file ownership is set to root:root', 'containerd.sock'),
  mode(
    '3.24',
    'Ensure that the Containerd socket file permissions are set to 660 or more restrictively',
    'containerd.sock',
    0o660,
  ),
];

export function formatMode(mode: number): string {
  return mode.toString(8).padStart(4, '0');
}

/** `/etc/docker owner root:root mode 0755`, with numeric ids where the id has no name. */
export function describeFile(file: HostFile): string {
  const user = file.owner ?? String(file.uid);
  const group = file.group ?? String(file.gid);
  return `${file.path} owner ${user}:${group} mode ${file.mode === undefined ? '?' : formatMode(file.mode)}`;
}

function isOwnedAs(file: HostFile, expected: 'root:root' | 'root:docker'): boolean {
  const isRootUser = file.owner === 'root' || file.uid === 0;
  const isExpectedGroup =
    expected === 'root:root' ? file.group === 'root' || file.gid === 0 : file.group === 'docker';
  return isRootUser && isExpectedGroup;
}

type FileOutcome = { status: 'pass' | 'fail' | 'error' | 'absent'; text: string };

function judgeFile(file: HostFile, expect: Expectation): FileOutcome {
  if (file.error) return { status: 'error', text: `${file.path}: ${file.error}` };
  if (!file.exists) return { status: 'absent', text: `${file.path} not present` };
  const text = describeFile(file);
  if ('owner' in expect) {
    if (file.uid === undefined || file.gid === undefined) {
      return { status: 'error', text: `${file.path}: owner not collected` };
    }
    return { status: isOwnedAs(file, expect.owner) ? 'pass' : 'fail', text };
  }
  if (file.mode === undefined) return { status: 'error', text: `${file.path}: mode not collected` };
  return { status: (file.mode & ~expect.maxMode) === 0 ? 'pass' : 'fail', text };
}

function judgeMissingRole(role: HostFileRole, daemon: Daemon): Judgement {
  const label = LABELS[role];
  if (role === 'registry-cert') return notApplicable('no registry certificates under /etc/docker/certs.d');
  const option = TLS_OPTION[role];
  if (option === undefined) return cannotTell(`the ${label} file was not collected`);
  const reading = readOption(daemon, option);
  if (reading.kind === 'set') {
    return cannotTell(`${option}=${String(reading.value)} is configured but its file was not collected`);
  }
  if (reading.kind === 'unknown') return cannotTell(reading.reason);
  return notApplicable(`no ${label} configured (${option} not set)`);
}

function judgeRule(rule: FileRule, files: readonly HostFile[], daemon: Daemon): Judgement {
  const facts = files.filter((f) => f.role === rule.role);
  if (facts.length === 0) return judgeMissingRole(rule.role, daemon);
  const outcomes = facts.map((f) => judgeFile(f, rule.expect));
  const texts = (status: FileOutcome['status']) =>
    outcomes
      .filter((o) => o.status === status)
      .map((o) => o.text)
      .join('; ');
  if (outcomes.some((o) => o.status === 'error')) return cannotTell(texts('error'));
  if (outcomes.some((o) => o.status === 'fail')) return fail(texts('fail'));
  if (outcomes.every((o) => o.status === 'absent')) return notApplicable(texts('absent'));
  return pass(texts('pass'));
}

function remediationFor(rule: FileRule): string {
  const target = LABELS[rule.role];
  if ('owner' in rule.expect) return `Run chown ${rule.expect.owner} on the ${target} file.`;
  return `Run chmod ${rule.expect.maxMode.toString(8)} (or stricter) on the ${target} file.`;
}

export const hostFilePermissionChecks: readonly CisDockerCheck[] = RULES.map((rule) =>
  defineCheck(
    {
      cisId: rule.cisId,
      // The mapping files the socket under daemon access (who may drive the daemon), the rest under file permissions.
      ...(rule.role === 'docker.sock'
        ? { checkId: 'daemon-access-restricted', severity: 'high' as const }
        : { checkId: 'daemon-config-file-permissions', severity: 'medium' as const }),
      title: rule.title,
      scope: 'host',
      automation: 'automated',
      remediation: remediationFor(rule),
    },
    onHost(({ host, daemon }) => judgeRule(rule, host.files, daemon)),
  ),
);
