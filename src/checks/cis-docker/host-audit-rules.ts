// CIS Docker 1.6 §1.1.3–1.1.18: the host's audit rules watch the Docker and containerd binaries, sockets, units,
// configuration and data, so changes to them leave a trail. One check per path, from one table.
import type { Host, HostFileRole } from '../../core/inventory/host.js';
import { type CisDockerCheck, defineCheck } from './define-check.js';
import { cannotTell, fail, type Judgement, manual, notApplicable, onHost, pass } from './judge.js';

interface AuditTarget {
  cisId: string;
  title: string;
  /** Where the file may live; a rule on any of them satisfies the check (Debian puts dockerd in /usr/sbin). */
  paths: readonly string[];
  /** The collected file fact that says where the file is and whether it exists. */
  role?: HostFileRole;
  /** §1.1.5 watches the daemon's actual data root, which may not be /var/lib/docker. */
  isDataRoot?: boolean;
  /**
   * Whether every Docker host has it. For paths we hold no file fact for, a missing rule on an always-present path
   * fails; on an optional one (legacy shims) only a person can tell whether the file exists.
   */
  isAlwaysPresent: boolean;
}

const TARGETS: readonly AuditTarget[] = [
  {
    cisId: '1.1.3',
    title: 'Ensure auditing is configured for the Docker daemon',
    paths: ['/usr/bin/dockerd', '/usr/sbin/dockerd'],
    isAlwaysPresent: true,
  },
  {
    cisId: '1.1.4',
    title: 'Ensure auditing is configured for Docker files and directories -/run/containerd',
    paths: ['/run/containerd'],
    isAlwaysPresent: true,
  },
  {
    cisId: '1.1.5',
    title: 'Ensure auditing is configured for Docker files and directories - /var/lib/docker',
    paths: ['/var/lib/docker'],
    isDataRoot: true,
    isAlwaysPresent: true,
  },
  {
    cisId: '1.1.6',
    title: 'Ensure auditing is configured for Docker files and directories - /etc/docker',
    paths: ['/etc/docker'],
    role: 'etc-docker',
    isAlwaysPresent: true,
  },
  {
    cisId: '1.1.7',
    title: 'Ensure auditing is configured for Docker files and directories - docker.service',
    paths: [
      '/lib/systemd/system/docker.service',
      '/usr/lib/systemd/system/docker.service',
      '/etc/systemd/system/docker.service',
    ],
    role: 'docker.service',
    isAlwaysPresent: true,
  },
  {
    cisId: '1.1.8',
    title: 'Ensure auditing is configured for Docker files and directories - containerd.sock',
    paths: ['/run/containerd/containerd.sock'],
    role: 'containerd.sock',
    isAlwaysPresent: true,
  },
  {
    cisId: '1.1.9',
    title: 'Ensure auditing is configured for Docker files and directories - docker.socket',
    paths: [
      '/lib/systemd/system/docker.socket',
      '/usr/lib/systemd/system/docker.socket',
      '/etc/systemd/system/docker.socket',
    ],
    role: 'docker.socket',
    isAlwaysPresent: true,
  },
  {
    cisId: '1.1.10',
    title: 'Ensure auditing is configured for Docker files and directories - /etc/default/docker',
    paths: ['/etc/default/docker'],
    role: 'etc-default-docker',
    isAlwaysPresent: false,
  },
  {
    cisId: '1.1.11',
    title: 'Ensure auditing is configured for Dockerfiles and directories - /etc/docker/daemon.json',
    paths: ['/etc/docker/daemon.json'],
    role: 'daemon.json',
    isAlwaysPresent: false,
  },
  {
    cisId: '1.1.12',
    title: 'Ensure auditing is configured for Dockerfiles and directories - /etc/containerd/config.toml',
    paths: ['/etc/containerd/config.toml'],
    isAlwaysPresent: false,
  },
  {
    cisId: '1.1.13',
    title: 'Ensure auditing is configured for Docker files and directories - /etc/sysconfig/docker',
    paths: ['/etc/sysconfig/docker'],
    role: 'etc-sysconfig-docker',
    isAlwaysPresent: false,
  },
  {
    cisId: '1.1.14',
    title: 'Ensure auditing is configured for Docker files and directories - /usr/bin/containerd',
    paths: ['/usr/bin/containerd'],
    isAlwaysPresent: true,
  },
  {
    cisId: '1.1.15',
    title: 'Ensure auditing is configured for Docker files and directories - /usr/bin/containerd-shim',
    paths: ['/usr/bin/containerd-shim'],
    isAlwaysPresent: false,
  },
  {
    cisId: '1.1.16',
    title:
      'Ensure auditing is configured for Docker files and directories - /usr/bin/containerd-shim-runc-v1',
    paths: ['/usr/bin/containerd-shim-runc-v1'],
    isAlwaysPresent: false,
  },
  {
    cisId: '1.1.17',
    title:
      'Ensure auditing is configured for Docker files and directories - /usr/bin/containerd-shim-runc-v2',
    paths: ['/usr/bin/containerd-shim-runc-v2'],
    isAlwaysPresent: true,
  },
  {
    cisId: '1.1.18',
    title: 'Ensure auditing is configured for Docker files and directories - /usr/bin/runc',
    paths: ['/usr/bin/runc', '/usr/sbin/runc'],
    isAlwaysPresent: true,
  },
];

function trimSlash(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

/**
 * Paths a rule watches: `-w PATH …` (auditctl -l prints file watches this way) and `-F path=PATH` / `-F dir=PATH`
 * (syscall rules, which auditctl -l prints for directory watches on newer kernels).
 */
export function watchedPaths(rule: string): string[] {
  const tokens = rule.trim().split(/\s+/);
  const paths: string[] = [];
  tokens.forEach((token, i) => {
    const next = tokens[i + 1];
    if (token === '-w' && next) paths.push(trimSlash(next));
    const field = token === '-F' ? next : token.startsWith('-F') ? token.slice(2) : undefined;
    const match = field ? /^(?:path|dir)=(.+)$/.exec(field) : null;
    if (match?.[1]) paths.push(trimSlash(match[1]));
  });
  return paths;
}

/** Where the collector found the file (existing copies first), then the usual places. */
function candidatePaths(target: AuditTarget, host: Host): string[] {
  const facts = target.role ? host.files.filter((f) => f.role === target.role) : [];
  const found = [...facts].sort((a, b) => Number(b.exists) - Number(a.exists)).map((f) => f.path);
  const dataRoot = target.isDataRoot ? [host.dataRoot.path] : [];
  return [...new Set([...dataRoot, ...found, ...target.paths].filter((p) => p !== '').map(trimSlash))];
}

function judgeTarget(target: AuditTarget, host: Host): Judgement {
  const { auditRules } = host;
  if (!auditRules.isAvailable) {
    const reason =
      auditRules.errors.length > 0 ? auditRules.errors.join('; ') : 'no rule source could be read';
    return cannotTell(`audit rules unavailable: ${reason}`);
  }
  const paths = candidatePaths(target, host);
  const rule = auditRules.rules.find((r) => watchedPaths(r).some((p) => paths.includes(p)));
  if (rule) return pass(`audit rule: ${rule.trim()}`);

  const facts = host.files.filter(
    (f) => (target.role !== undefined && f.role === target.role) || paths.includes(trimSlash(f.path)),
  );
  if (facts.length > 0 && facts.every((f) => !f.exists && !f.error)) {
    return notApplicable(`${paths.join(' or ')} not present`);
  }
  const sources = auditRules.sources.length > 0 ? ` (read ${auditRules.sources.join(', ')})` : '';
  const missing = `no audit rule watches ${paths.join(' or ')}${sources}`;
  if (facts.length === 0 && !target.isAlwaysPresent) {
    return manual(`${missing}; whether the file exists was not collected: add a rule if it exists`);
  }
  return fail(missing);
}

export const hostAuditRuleChecks: readonly CisDockerCheck[] = TARGETS.map((target) =>
  defineCheck(
    {
      cisId: target.cisId,
      checkId: 'host-audit-logging',
      title: target.title,
      scope: 'host',
      severity: 'medium',
      automation: 'automated',
      remediation: `Add an audit watch such as "-w ${target.paths[0]} -k docker" to /etc/audit/rules.d/docker.rules and reload auditd.`,
    },
    onHost(({ host }) => judgeTarget(target, host)),
  ),
);
