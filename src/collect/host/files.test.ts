import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectHostFiles, listFileTargets, statFile } from './files.js';

/** A fake root with the paths a Docker host has; uid/gid are whatever this test runs as. */
let root: string;
let socketServer: Server;
const uid = process.getuid?.() ?? 0;
const gid = process.getgid?.() ?? 0;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'cgtest-files-'));
  const mk = async (path: string, content = '', mode = 0o644) => {
    await mkdir(join(root, path, '..'), { recursive: true });
    await writeFile(join(root, path), content);
    await chmod(join(root, path), mode);
  };
  await mk('/etc/passwd', `tester:x:${uid}:${gid}::/:/bin/sh\nalice:x:1000:${gid + 1}::/:/bin/sh\n`);
  await mk('/etc/group', `testers:x:${gid}:\ndocker:x:${gid + 1}:bob\n`);
  await mk('/lib/systemd/system/docker.service', '[Service]\n');
  await mk('/etc/systemd/system/docker.socket', '[Socket]\n', 0o600);
  await mk('/lib/systemd/system/docker.socket', '[Socket]\n');
  await mk('/etc/docker/daemon.json', '{}', 0o640);
  await mk('/etc/docker/certs.d/registry.example:5000/ca.crt', 'pem', 0o444);
  await mk('/etc/docker/certs.d/registry.example:5000/client.key', 'pem', 0o400);
  await mkdir(join(root, '/run'), { recursive: true });
  await symlink('/nonexistent-target', join(root, '/etc/default-docker-link'));
  socketServer = createServer();
  await new Promise<void>((resolve) => socketServer.listen(join(root, '/run/docker.sock'), resolve));
  await symlink(join(root, '/run'), join(root, '/var-run'));
});

afterAll(async () => {
  await new Promise((resolve) => socketServer.close(resolve));
  await rm(root, { recursive: true, force: true });
});

describe('listFileTargets', () => {
  it('finds unit files along the systemd search path, /etc first, and lists registry certificates', async () => {
    const targets = await listFileTargets(
      {
        daemonJsonPath: '/etc/docker/daemon.json',
        dockerSockets: ['/run/docker.sock'],
        tls: { isEnabled: false },
      },
      root,
    );
    expect(targets).toEqual([
      { role: 'docker.service', path: '/lib/systemd/system/docker.service' },
      { role: 'docker.socket', path: '/etc/systemd/system/docker.socket' },
      { role: 'etc-docker', path: '/etc/docker' },
      { role: 'daemon.json', path: '/etc/docker/daemon.json' },
      { role: 'etc-default-docker', path: '/etc/default/docker' },
      { role: 'etc-sysconfig-docker', path: '/etc/sysconfig/docker' },
      { role: 'containerd.sock', path: '/run/containerd/containerd.sock' },
      { role: 'containerd.sock', path: '/var/run/docker/containerd/containerd.sock' },
      { role: 'docker.sock', path: '/run/docker.sock' },
      { role: 'registry-cert', path: '/etc/docker/certs.d/registry.example:5000/ca.crt' },
      { role: 'registry-cert', path: '/etc/docker/certs.d/registry.example:5000/client.key' },
    ]);
  });

  it('lists TLS files as configured, or the defaults when TLS is on without paths', async () => {
    const configured = await listFileTargets(
      {
        daemonJsonPath: '/d.json',
        dockerSockets: [],
        tls: { isEnabled: true, cacert: '/etc/docker/ca.pem' },
      },
      root,
    );
    expect(configured.filter((t) => t.role.startsWith('tls-'))).toEqual([
      { role: 'tls-ca', path: '/etc/docker/ca.pem' },
      { role: 'tls-cert', path: '/root/.docker/cert.pem' },
      { role: 'tls-key', path: '/root/.docker/key.pem' },
    ]);
    const off = await listFileTargets(
      { daemonJsonPath: '/d.json', dockerSockets: [], tls: { isEnabled: false } },
      root,
    );
    expect(off.filter((t) => t.role.startsWith('tls-'))).toEqual([]);
  });

  it('names the conventional unit path when no unit file exists', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'cgtest-files-empty-'));
    try {
      const targets = await listFileTargets(
        { daemonJsonPath: '/d.json', dockerSockets: [], tls: { isEnabled: false } },
        empty,
      );
      expect(targets[0]).toEqual({ role: 'docker.service', path: '/lib/systemd/system/docker.service' });
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});

describe('statFile', () => {
  const names = { users: [{ name: 'tester', uid, gid }], groups: [{ name: 'testers', gid, members: [] }] };

  it('reports kind, owner, group and permission bits', async () => {
    expect(await statFile('/etc/docker/daemon.json', names, root)).toEqual({
      path: '/etc/docker/daemon.json',
      exists: true,
      kind: 'file',
      uid,
      gid,
      owner: 'tester',
      group: 'testers',
      mode: 0o640,
    });
    expect(await statFile('/etc/docker', names, root)).toMatchObject({ kind: 'directory', exists: true });
  });

  it('follows a symbolic link to the socket behind it', async () => {
    expect(await statFile('/var-run/docker.sock', names, root)).toMatchObject({
      exists: true,
      kind: 'socket',
    });
  });

  it('leaves names out when the ids have none', async () => {
    const fact = await statFile('/etc/docker/daemon.json', { users: [], groups: [] }, root);
    expect(fact.owner).toBeUndefined();
    expect(fact.group).toBeUndefined();
    expect(fact.uid).toBe(uid);
  });

  it('reports missing files and dangling links', async () => {
    expect(await statFile('/etc/sysconfig/docker', names, root)).toEqual({
      path: '/etc/sysconfig/docker',
      exists: false,
    });
    expect(await statFile('/etc/default-docker-link', names, root)).toEqual({
      path: '/etc/default-docker-link',
      exists: false,
      kind: 'symlink',
      error: 'dangling symbolic link',
    });
  });
});

describe('collectHostFiles', () => {
  it('names owners from the root passwd and group files and lists the docker group', async () => {
    const collected = await collectHostFiles(
      {
        daemonJsonPath: '/etc/docker/daemon.json',
        dockerSockets: ['/run/docker.sock'],
        tls: { isEnabled: false },
      },
      root,
    );
    expect(collected.errors).toEqual([]);
    expect(collected.dockerGroupMembers).toEqual(['alice', 'bob']);
    const daemonJson = collected.files.find((f) => f.role === 'daemon.json');
    expect(daemonJson).toMatchObject({ exists: true, owner: 'tester', group: 'testers', mode: 0o640 });
    expect(collected.files.find((f) => f.role === 'docker.sock')).toMatchObject({ kind: 'socket' });
    expect(collected.files.find((f) => f.path.endsWith('client.key'))).toMatchObject({ mode: 0o400 });
  });

  it('says which account file it could not read', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'cgtest-files-none-'));
    try {
      const collected = await collectHostFiles(
        { daemonJsonPath: '/d.json', dockerSockets: [], tls: { isEnabled: false } },
        empty,
      );
      expect(collected.errors).toEqual(['/etc/passwd: does not exist', '/etc/group: does not exist']);
      expect(collected.dockerGroupMembers).toBeUndefined();
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});
