// Test support for the real Docker engine: make sure one answers (starting dockerd when we are root), build the
// busybox test image without any registry, and remove what a test created.
import { execFile, spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type Docker from 'dockerode';
import {
  createEngineClient,
  DEFAULT_SOCKET_PATH,
  type EngineClient,
  pingEngine,
} from '../../src/collect/docker/engine-client.js';
import { isLoopbackHost } from '../../src/image/sources/registry/reference.js';

const run = promisify(execFile);
const BUSYBOX = '/usr/bin/busybox';
const APPLETS = ['sh', 'sleep', 'true', 'false', 'cat', 'ls', 'ps', 'id', 'echo', 'wget', 'nc'];
const START_TIMEOUT_MS = 60_000;

let clientPromise: Promise<EngineClient> | undefined;

/** One client for the test process, pinned to API 1.41 unless DOCKER_API_VERSION says otherwise. */
export function testEngineClient(): Promise<EngineClient> {
  clientPromise ??= createEngineClient();
  return clientPromise;
}

let dockerPromise: Promise<Docker> | undefined;

/**
 * dockerode for what tests do to the engine (create, start, import, remove); Coastguard itself only reads, through
 * its own small client. Same endpoint and API version as that client.
 */
export function testDocker(): Promise<Docker> {
  dockerPromise ??= testEngineClient().then(async ({ endpoint, apiVersion, transport }) => {
    const { default: Dockerode } = await import('dockerode');
    const version = `v${apiVersion}`;
    if (endpoint.kind === 'unix') return new Dockerode({ socketPath: endpoint.socketPath, version });
    const tls = 'ca' in transport.connection ? transport.connection : {};
    return new Dockerode({
      host: endpoint.host,
      port: endpoint.port,
      protocol: endpoint.isTls ? 'https' : 'http',
      version,
      ...tls,
    });
  });
  return dockerPromise;
}

/**
 * Resolves once the engine answers. When it does not and we are root on the default socket, starts `dockerd` in
 * the background (detached, logging to a file under the temp dir) and waits for it, at most a minute.
 */
export async function ensureEngine(): Promise<EngineClient> {
  const client = await testEngineClient();
  try {
    await pingEngine(client);
    return client;
  } catch (err) {
    const isDefaultSocket =
      client.endpoint.kind === 'unix' && client.endpoint.socketPath === DEFAULT_SOCKET_PATH;
    if (!isDefaultSocket || process.getuid?.() !== 0) throw err;
  }
  const log = join(tmpdir(), `coastguard-dockerd-${process.pid}.log`);
  const out = openSync(log, 'a');
  const child = spawn('dockerd', [], { detached: true, stdio: ['ignore', out, out] });
  closeSync(out);
  const spawnError = new Promise<never>((_, reject) =>
    child.once('error', (err) => reject(new Error(`Cannot start dockerd: ${err.message}`, { cause: err }))),
  );
  child.unref();
  const deadline = Date.now() + START_TIMEOUT_MS;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      await Promise.race([pingEngine(client, { timeoutMs: 2_000 }), spawnError]);
      return client;
    } catch (err) {
      if (child.exitCode !== null) {
        throw new Error(`dockerd exited with code ${child.exitCode} before answering; see ${log}`, {
          cause: err,
        });
      }
      lastError = err;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  throw new Error(`dockerd did not answer within ${START_TIMEOUT_MS / 1000} s; see ${log}`, {
    cause: lastError,
  });
}

/**
 * Imports a tiny image from the host's static busybox: /bin/busybox with a few applet links, and an /etc/passwd
 * with root and an unprivileged user 1000. Returns the tag; does nothing when the tag already exists.
 */
export async function buildBusyboxImage(tag: string): Promise<string> {
  const docker = await testDocker();
  try {
    await docker.getImage(tag).inspect();
    return tag;
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode !== 404) throw err;
  }
  const root = await mkdtemp(join(tmpdir(), 'cgtest-rootfs-'));
  try {
    await mkdir(join(root, 'bin'));
    await mkdir(join(root, 'etc'));
    await mkdir(join(root, 'tmp'), { mode: 0o1777 });
    await copyFile(BUSYBOX, join(root, 'bin/busybox'));
    for (const applet of APPLETS) await symlink('busybox', join(root, 'bin', applet));
    await writeFile(
      join(root, 'etc/passwd'),
      'root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000:app:/tmp:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n',
    );
    await writeFile(join(root, 'etc/group'), 'root:x:0:\napp:x:1000:\nnogroup:x:65534:\n');
    const archive = join(root, '..', `${root.split('/').pop()}.tar`);
    await run('tar', ['-C', root, '-cf', archive, '.']);
    try {
      const [repo, version = 'latest'] = splitTag(tag);
      const stream = await docker.importImage(archive, { repo, tag: version, changes: ['CMD ["sh"]'] });
      await new Promise<void>((resolve, reject) =>
        docker.modem.followProgress(stream, (err: Error | null, output: { error?: string }[]) => {
          const failed = output?.find((o) => o.error);
          if (err || failed) reject(err ?? new Error(`docker import of ${tag} failed: ${failed?.error}`));
          else resolve();
        }),
      );
    } finally {
      await rm(archive, { force: true });
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
  return tag;
}

/** An image reference without a loopback registry's host: the tests push to registries they start there. */
function withoutLoopbackRegistry(ref: string): string {
  const slash = ref.indexOf('/');
  return slash > 0 && isLoopbackHost(ref.slice(0, slash)) ? ref.slice(slash + 1) : ref;
}

/**
 * Removes containers (with their anonymous volumes), networks, and image tags and digest references whose names
 * start with `prefix`, also behind a loopback registry's host (an image pushed there keeps a digest reference after
 * its tag has moved to another image).
 */
export async function removeTestObjects(prefix: string): Promise<void> {
  if (!prefix.startsWith('cg')) throw new Error(`refusing to remove objects with the prefix ${prefix}`);
  const docker = await testDocker();
  const containers = await docker.listContainers({ all: true });
  await Promise.all(
    containers
      .filter((c) => c.Names.some((n) => n.replace(/^\//, '').startsWith(prefix)))
      .map((c) => ignoreNotFound(docker.getContainer(c.Id).remove({ force: true, v: true }))),
  );
  const networks = await docker.listNetworks();
  await Promise.all(
    networks
      .filter((n) => n.Name.startsWith(prefix))
      .map((n) => ignoreNotFound(docker.getNetwork(n.Id).remove())),
  );
  const images = await docker.listImages();
  const isOurs = (ref: string) => withoutLoopbackRegistry(ref).startsWith(prefix);
  const refs = images.flatMap((i) => [...(i.RepoTags ?? []), ...(i.RepoDigests ?? [])].filter(isOurs));
  // By reference, not id: an image that also carries someone else's tag keeps it.
  for (const ref of refs) await ignoreNotFound(docker.getImage(ref).remove());
}

function splitTag(tag: string): [string, string | undefined] {
  const colon = tag.lastIndexOf(':');
  return colon > tag.lastIndexOf('/') ? [tag.slice(0, colon), tag.slice(colon + 1)] : [tag, undefined];
}

async function ignoreNotFound(promise: Promise<unknown>): Promise<void> {
  try {
    await promise;
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode !== 404) throw err;
  }
}
