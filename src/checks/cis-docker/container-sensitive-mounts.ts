// CIS Docker 1.6 §5.6: host system directories mounted into a container let it read or change the host.
//
// The benchmark says they should not be mounted at all, "especially" read-write. We decide:
// - read-write, any of / /boot /dev /etc /lib /proc /sys /usr or anything below them: fail;
// - read-only, / /boot /dev /etc /proc /sys themselves: fail (secrets in /etc, kernel and process state in /proc
//   and /sys, raw devices in /dev), and anything below them except a few files that carry no secret and that
//   containers commonly need (time zone, CA certificates, name resolution, the cgroup tree for monitoring agents);
// - read-only /lib or /usr, or anything below them: pass, named in the evidence, since it only exposes what ships
//   with the OS.
import type { Mount } from '../../core/inventory/container.js';
import { defineCheck } from './define-check.js';
import { eachContainer, fail, formatMount, pass } from './judge.js';

const SENSITIVE = ['/', '/boot', '/dev', '/etc', '/lib', '/proc', '/sys', '/usr'] as const;
const READ_ONLY_TOLERATED_UNDER: ReadonlySet<string> = new Set(['/lib', '/usr']);
const READ_ONLY_BENIGN = [
  '/etc/localtime',
  '/etc/timezone',
  '/etc/ssl/certs',
  '/etc/pki/ca-trust',
  '/etc/ca-certificates',
  '/etc/hosts',
  '/etc/resolv.conf',
  '/etc/hostname',
  '/etc/os-release',
  '/etc/machine-id',
  '/sys/fs/cgroup',
] as const;

function normalizePath(path: string): string {
  const single = path.replace(/\/+/g, '/');
  return single.length > 1 ? single.replace(/\/$/, '') : single;
}

function isUnder(path: string, dir: string): boolean {
  return path === dir || path.startsWith(`${dir}/`);
}

/** The sensitive directory a host path is or lies under; '/' only for the root itself. */
export function sensitiveRoot(source: string): string | undefined {
  const path = normalizePath(source);
  if (path === '/') return '/';
  return SENSITIVE.find((dir) => dir !== '/' && isUnder(path, dir));
}

function isBind(mount: Mount): boolean {
  return mount.type === 'bind' || mount.type === '';
}

function isViolation(mount: Mount): boolean {
  const root = sensitiveRoot(mount.source);
  if (root === undefined) return false;
  if (mount.isReadWrite) return true;
  const path = normalizePath(mount.source);
  if (READ_ONLY_TOLERATED_UNDER.has(root)) return false;
  return path === root || !READ_ONLY_BENIGN.some((benign) => isUnder(path, benign));
}

export const containerSensitiveMounts = defineCheck(
  {
    cisId: '5.6',
    checkId: 'container-hostpath-sensitive-mount',
    title: 'Ensure sensitive host system directories are not mounted on containers',
    scope: 'container',
    severity: 'high',
    automation: 'automated',
    remediation:
      'Remove bind mounts of host system directories; mount only the application paths it needs, read-only.',
  },
  eachContainer((container) => {
    const sensitive = container.mounts.filter((m) => isBind(m) && sensitiveRoot(m.source) !== undefined);
    const violations = sensitive.filter(isViolation);
    if (violations.length > 0) return fail(`Mounts: ${violations.map(formatMount).join('; ')}`);
    if (sensitive.length > 0) {
      return pass(`Mounts: ${sensitive.map(formatMount).join('; ')} (read-only, no secrets or kernel state)`);
    }
    return pass('no host system directory mounted');
  }),
);
