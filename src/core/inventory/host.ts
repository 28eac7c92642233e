// The machine the engine runs on, with the file and audit facts CIS Docker sections 1–3 judge.

export type Platform = 'ec2' | 'ecs-ec2' | 'eks' | 'fargate' | 'self-hosted' | 'unknown';

/** Ownership and mode of one path, as stat(2) saw it. */
export interface FileFact {
  path: string;
  exists: boolean;
  kind?: 'file' | 'directory' | 'socket' | 'symlink' | 'other';
  uid?: number;
  gid?: number;
  /** Names resolved from /etc/passwd and /etc/group; absent when the id has no name. */
  owner?: string;
  group?: string;
  /** Permission bits only (mode & 0o7777). */
  mode?: number;
  /** Why the path could not be read (other than not existing). */
  error?: string;
}

/** A file CIS asks about, by role, so checks never guess paths. */
export type HostFileRole =
  | 'docker.service'
  | 'docker.socket'
  | 'etc-docker'
  | 'daemon.json'
  | 'etc-default-docker'
  | 'etc-sysconfig-docker'
  | 'containerd.sock'
  | 'docker.sock'
  | 'tls-ca'
  | 'tls-cert'
  | 'tls-key'
  | 'registry-cert';

export interface HostFile extends FileFact {
  role: HostFileRole;
}

export interface AuditRules {
  /** Whether any source could be read (auditctl answered or rules.d exists). */
  isAvailable: boolean;
  /** Normalized rule lines from `auditctl -l` and /etc/audit/rules.d/*.rules. */
  rules: string[];
  sources: string[];
  errors: string[];
}

export interface Host {
  /** Stable identity of the host for finding fingerprints (engine ID, else hostname). */
  id: string;
  hostname: string;
  operatingSystem: string;
  kernelVersion: string;
  architecture: string;
  platform: Platform;
  files: HostFile[];
  auditRules: AuditRules;
  /** Docker's data root and whether it is its own mount (CIS 1.1.1). `undefined` when it could not be read. */
  dataRoot: { path: string; isSeparateMount?: boolean; mountPoint?: string };
  /** Members of the `docker` group, who can control the daemon (CIS 1.1.2). */
  dockerGroupMembers?: string[];
}
