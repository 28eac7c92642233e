// Ownership and mode of the files CIS Docker sections 1–3 ask about, found by role so checks never guess paths.
// Reads nothing but metadata (and /etc/passwd, /etc/group to name owners).
import { lstat, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileFact, HostFile, HostFileRole } from '../../core/inventory/host.js';
import { describeFsError, readBounded } from '../read-bounded.js';
import { type GroupEntry, listGroupMembers, type PasswdEntry, parseGroup, parsePasswd } from './accounts.js';

/** systemd's unit search path, highest precedence first: the first file found is the one systemd loads. */
export const SYSTEMD_UNIT_DIRS = [
  '/etc/systemd/system',
  '/run/systemd/system',
  '/usr/local/lib/systemd/system',
  '/usr/lib/systemd/system',
  '/lib/systemd/system',
];
export const CONTAINERD_SOCKETS = [
  '/run/containerd/containerd.sock',
  '/var/run/docker/containerd/containerd.sock',
];
export const REGISTRY_CERTS_DIR = '/etc/docker/certs.d';
const MAX_ACCOUNTS_BYTES = 4 * 1024 * 1024;

/** One path to examine, with its role. */
export interface FileTarget {
  role: HostFileRole;
  path: string;
}

export interface HostFileInputs {
  daemonJsonPath: string;
  /** The engine's unix socket path(s): from DOCKER_HOST and the daemon's `hosts` option. */
  dockerSockets: string[];
  /** Effective daemon options, for the TLS file paths. */
  tls: { isEnabled: boolean; cacert?: string; cert?: string; key?: string };
  /** The daemon's home for default TLS files (~/.docker of the user running dockerd). */
  defaultCertDir?: string;
}

/**
 * Decides which paths to examine. A unit file is looked up along systemd's search path; when none exists the
 * conventional path is listed as missing, so a check can say what it looked for.
 */
export async function listFileTargets(inputs: HostFileInputs, root = ''): Promise<FileTarget[]> {
  const targets: FileTarget[] = [];
  for (const unit of ['docker.service', 'docker.socket'] as const) {
    const found = await firstExisting(
      SYSTEMD_UNIT_DIRS.map((dir) => join(dir, unit)),
      root,
    );
    targets.push({ role: unit, path: found ?? join('/lib/systemd/system', unit) });
  }
  targets.push({ role: 'etc-docker', path: '/etc/docker' });
  targets.push({ role: 'daemon.json', path: inputs.daemonJsonPath });
  targets.push({ role: 'etc-default-docker', path: '/etc/default/docker' });
  targets.push({ role: 'etc-sysconfig-docker', path: '/etc/sysconfig/docker' });
  for (const path of CONTAINERD_SOCKETS) targets.push({ role: 'containerd.sock', path });
  for (const path of new Set(inputs.dockerSockets)) targets.push({ role: 'docker.sock', path });
  const certDir = inputs.defaultCertDir ?? '/root/.docker';
  const tlsFiles: [HostFileRole, string | undefined, string][] = [
    ['tls-ca', inputs.tls.cacert, 'ca.pem'],
    ['tls-cert', inputs.tls.cert, 'cert.pem'],
    ['tls-key', inputs.tls.key, 'key.pem'],
  ];
  for (const [role, configured, defaultName] of tlsFiles) {
    if (configured) targets.push({ role, path: configured });
    else if (inputs.tls.isEnabled) targets.push({ role, path: join(certDir, defaultName) });
  }
  for (const path of await listRegistryCerts(root)) targets.push({ role: 'registry-cert', path });
  return targets;
}

/** /etc/docker/certs.d/<registry>/<file>: one level of registries, the files inside each. */
async function listRegistryCerts(root: string): Promise<string[]> {
  const registries = await readdirOrEmpty(join(root, REGISTRY_CERTS_DIR));
  const files: string[] = [];
  for (const registry of registries.sort()) {
    const dir = join(REGISTRY_CERTS_DIR, registry);
    for (const name of (await readdirOrEmpty(join(root, dir))).sort()) files.push(join(dir, name));
  }
  return files;
}

async function readdirOrEmpty(path: string): Promise<string[]> {
  try {
    return await readdir(path);
  } catch {
    return [];
  }
}

async function firstExisting(paths: string[], root: string): Promise<string | undefined> {
  for (const path of paths) {
    try {
      await lstat(join(root, path));
      return path;
    } catch {
      // Not here: try the next directory.
    }
  }
  return undefined;
}

export interface AccountNames {
  users: PasswdEntry[];
  groups: GroupEntry[];
}

/**
 * Ownership and mode of one path. A symbolic link is followed, since the target's owner and mode are what guard
 * it (/var/run/docker.sock is often reached through /var/run → /run); a dangling link is reported as such.
 */
export async function statFile(path: string, names: AccountNames, root = ''): Promise<FileFact> {
  const full = join(root, path);
  try {
    const link = await lstat(full);
    const st = link.isSymbolicLink() ? await stat(full) : link;
    const fact: FileFact = {
      path,
      exists: true,
      kind: st.isFile() ? 'file' : st.isDirectory() ? 'directory' : st.isSocket() ? 'socket' : 'other',
      uid: st.uid,
      gid: st.gid,
      mode: st.mode & 0o7777,
    };
    const owner = names.users.find((u) => u.uid === st.uid)?.name;
    const group = names.groups.find((g) => g.gid === st.gid)?.name;
    if (owner !== undefined) fact.owner = owner;
    if (group !== undefined) fact.group = group;
    return fact;
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      const isDangling = await lstat(full).then(
        (s) => s.isSymbolicLink(),
        () => false,
      );
      return isDangling
        ? { path, exists: false, kind: 'symlink', error: 'dangling symbolic link' }
        : { path, exists: false };
    }
    return { path, exists: false, error: describeFsError(err) };
  }
}

export async function readAccounts(root = ''): Promise<AccountNames & { errors: string[] }> {
  const errors: string[] = [];
  const read = async (path: string): Promise<string> => {
    try {
      return (await readBounded(join(root, path), MAX_ACCOUNTS_BYTES)).toString('utf8');
    } catch (err) {
      errors.push(`${path}: ${describeFsError(err)}`);
      return '';
    }
  };
  const [passwd, group] = await Promise.all([read('/etc/passwd'), read('/etc/group')]);
  return { users: parsePasswd(passwd), groups: parseGroup(group), errors };
}

export interface CollectedFiles {
  files: HostFile[];
  dockerGroupMembers?: string[];
  errors: string[];
}

export async function collectHostFiles(inputs: HostFileInputs, root = ''): Promise<CollectedFiles> {
  const accounts = await readAccounts(root);
  const targets = await listFileTargets(inputs, root);
  const files = await Promise.all(
    targets.map(
      async (t): Promise<HostFile> => ({ role: t.role, ...(await statFile(t.path, accounts, root)) }),
    ),
  );
  const result: CollectedFiles = { files, errors: accounts.errors };
  const members = listGroupMembers('docker', accounts.users, accounts.groups);
  if (members !== undefined) result.dockerGroupMembers = members;
  return result;
}
