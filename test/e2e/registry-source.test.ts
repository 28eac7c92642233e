// The registry image source against Debian's real `docker-registry` on loopback: an image pushed by the engine and
// scanned through the registry gives the engine scan's packages and findings; an index picks this machine's
// platform; Basic auth (htpasswd, bcrypt), HTTPS with a CA the test makes, the Bearer token flow (a token server
// in the test signing RS256 JWTs the registry verifies), plain HTTP refused off loopback, a wrong password, a
// tampered blob and an oversize image each give a clear error that never carries the secret.
import { execFile } from 'node:child_process';
import { createHash, createSign, randomUUID } from 'node:crypto';
import { copyFile, cp, mkdir, mkdtemp, open, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import bcrypt from 'bcryptjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImageScanResult } from '../../src/core/image/image-scan.js';
import { hostPlatform } from '../../src/image/sources/oci-layout.js';
import { openRegistryImage, type RegistrySettings } from '../../src/image/sources/registry.js';
import { makeHome, requireBuiltCli, runCli } from '../support/cli.js';
import { type RunningRegistry, startRegistry } from '../support/docker-registry.js';
import { buildBusyboxImage, ensureEngine, removeTestObjects, testDocker } from '../support/engine.js';

const run = promisify(execFile);
const PREFIX = 'cgtest-s3r-';
const BASE = `${PREFIX}bookworm:1`;
const APP = `${PREFIX}app:1`;
const BUSYBOX = `${PREFIX}busybox:1`;
const REPO = `${PREFIX}app`;
const FIXTURES = resolve(import.meta.dirname, '../../../shared/fixtures');
const env = { DOCKER_API_VERSION: process.env.DOCKER_API_VERSION ?? '1.41' };
const USER = 'scanner';
const PASSWORD = 'pw-9f3c1e77b2d4a6';
const ISSUER = 'cgtest-s3r-issuer';
const SERVICE = 'cgtest-s3r-registry';

let work: string;
let home: string;
let storage: string;
let plain: RunningRegistry;
const registries: RunningRegistry[] = [];
const servers: Server[] = [];
const pushedTags: string[] = [];
let appId: string;
let appManifestDigest: string;
let busyboxId: string;
const otherArchitecture = hostPlatform().architecture === 's390x' ? 'riscv64' : 's390x';

async function sh(file: string, args: string[]): Promise<string> {
  return (await run(file, args, { env: { ...process.env, ...env, DOCKER_BUILDKIT: '0' } })).stdout.trim();
}

async function start(name: string, options: { extraYaml?: string; tls?: boolean; storage?: string } = {}) {
  const registry = await startRegistry({
    dir: work,
    storage: options.storage ?? storage,
    name,
    ...(options.extraYaml === undefined ? {} : { extraYaml: options.extraYaml }),
    ...(options.tls
      ? {
          tls: {
            certificate: join(work, 'server.pem'),
            key: join(work, 'server.key'),
            ca: join(work, 'ca.pem'),
          },
        }
      : {}),
  });
  registries.push(registry);
  return registry;
}

/** A plain HTTP request to a loopback registry, for the test's own setup. */
function send(
  method: string,
  url: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<{ status: number; headers: IncomingMessage['headers']; body: string }> {
  return new Promise((resolvePromise, reject) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolvePromise({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString(),
        }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function manifestDigest(host: string, tag: string, repository = REPO): Promise<string> {
  const response = await send('GET', `http://${host}/v2/${repository}/manifests/${tag}`, {
    accept: 'application/vnd.docker.distribution.manifest.v2+json',
  });
  expect(response.status).toBe(200);
  return String(response.headers['docker-content-digest']);
}

async function layerDigests(host: string): Promise<string[]> {
  const response = await send('GET', `http://${host}/v2/${REPO}/manifests/1`, {
    accept: 'application/vnd.docker.distribution.manifest.v2+json',
  });
  return (JSON.parse(response.body) as { layers: { digest: string }[] }).layers.map((l) => l.digest);
}

const plainSettings: RegistrySettings = { isPlainHttp: true };

async function registryTempDirs(): Promise<string[]> {
  return (await readdir(tmpdir())).filter((name) => name.startsWith('coastguard-registry-'));
}

beforeAll(async () => {
  requireBuiltCli();
  await ensureEngine();
  await removeTestObjects(PREFIX);
  work = await mkdtemp(join(tmpdir(), `${PREFIX}work-`));
  storage = join(work, 'storage');
  home = await makeHome();
  const imported = await runCli(['db', 'update', '--source', join(FIXTURES, 'osv')], {
    COASTGUARD_HOME: home,
  });
  expect(imported.code).toBe(0);

  await run(
    'sh',
    ['-c', 'tar -C "$1" -c . | docker import - "$2"', 'sh', join(FIXTURES, 'images/bookworm-main'), BASE],
    {
      env: { ...process.env, ...env },
    },
  );
  const context = join(work, 'app');
  await mkdir(context);
  await copyFile(
    join(FIXTURES, 'lockfiles/npm-vulnerable/package-lock.json'),
    join(context, 'package-lock.json'),
  );
  await writeFile(
    join(context, 'Dockerfile'),
    `FROM ${BASE}\nCOPY package-lock.json /app/package-lock.json\n`,
  );
  await sh('docker', ['build', '-q', '-t', APP, context]);
  await buildBusyboxImage(BUSYBOX);
  appId = await sh('docker', ['image', 'inspect', '--format', '{{.Id}}', APP]);
  busyboxId = await sh('docker', ['image', 'inspect', '--format', '{{.Id}}', BUSYBOX]);

  plain = await start('plain');
  for (const [image, tag] of [
    [APP, '1'],
    [BUSYBOX, 'busybox'],
  ] as const) {
    const target = `${plain.host}/${REPO}:${tag}`;
    await sh('docker', ['tag', image, target]);
    pushedTags.push(target);
    await sh('docker', ['push', target]);
  }
  appManifestDigest = await manifestDigest(plain.host, '1');
  const busyboxDigest = await manifestDigest(plain.host, 'busybox');
  const size = async (tag: string) =>
    Number(
      (
        await send('HEAD', `http://${plain.host}/v2/${REPO}/manifests/${tag}`, {
          accept: 'application/vnd.docker.distribution.manifest.v2+json',
        })
      ).headers['content-length'],
    );
  const wanted = hostPlatform();
  // An index whose other entry is a different image: picking the wrong platform would be visible.
  const index = JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.docker.distribution.manifest.list.v2+json',
    manifests: [
      {
        mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
        digest: busyboxDigest,
        size: await size('busybox'),
        platform: { os: 'linux', architecture: otherArchitecture },
      },
      {
        mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
        digest: appManifestDigest,
        size: await size('1'),
        platform: { os: wanted.os, architecture: wanted.architecture },
      },
    ],
  });
  const put = await send(
    'PUT',
    `http://${plain.host}/v2/${REPO}/manifests/multi`,
    { 'content-type': 'application/vnd.docker.distribution.manifest.list.v2+json' },
    index,
  );
  expect(put.status, put.body).toBe(201);

  // A CA and a server certificate for 127.0.0.1 and localhost, and a self-signed token-signing certificate.
  const openssl = (args: string[]) => sh('openssl', args);
  const file = (name: string) => join(work, name);
  await openssl([
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    file('ca.key'),
    '-out',
    file('ca.pem'),
    '-days',
    '2',
    '-subj',
    '/CN=cgtest-s3r-ca',
  ]);
  await openssl([
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    file('server.key'),
    '-out',
    file('server.csr'),
    '-subj',
    '/CN=localhost',
  ]);
  await writeFile(file('server.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  await openssl([
    'x509',
    '-req',
    '-in',
    file('server.csr'),
    '-CA',
    file('ca.pem'),
    '-CAkey',
    file('ca.key'),
    '-CAcreateserial',
    '-out',
    file('server.pem'),
    '-days',
    '2',
    '-extfile',
    file('server.ext'),
  ]);
  await openssl([
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    file('token.key'),
    '-out',
    file('token.pem'),
    '-days',
    '2',
    '-subj',
    '/CN=cgtest-s3r-token',
  ]);
  await writeFile(file('htpasswd'), `${USER}:${bcrypt.hashSync(PASSWORD, 10)}\n`);
}, 240_000);

afterAll(async () => {
  for (const registry of registries) await registry.stop();
  for (const server of servers) server.close();
  const docker = await testDocker();
  for (const tag of pushedTags)
    await docker
      .getImage(tag)
      .remove()
      .catch(() => undefined);
  await removeTestObjects(PREFIX);
  if (work) await rm(work, { recursive: true, force: true });
  if (home) await rm(home, { recursive: true, force: true });
});

describe('registry image source', () => {
  it('scans an image pushed to the registry exactly as the engine scan of the same image', async () => {
    const scan = async (ref: string, extra: NodeJS.ProcessEnv = {}) => {
      const outcome = await runCli(['image', 'scan', ref, '--format', 'json'], {
        ...env,
        COASTGUARD_HOME: home,
        ...extra,
      });
      expect(outcome.code, outcome.stderr).toBe(0);
      return JSON.parse(outcome.stdout) as ImageScanResult;
    };
    const fromEngine = await scan(APP);
    const fromRegistry = await scan(`registry:${plain.host}/${REPO}:1`, {
      COASTGUARD_REGISTRY_INSECURE_HTTP: '1',
    });
    expect(fromRegistry.image.digest).toBe(appId);
    expect(fromRegistry.image.os).toEqual(fromEngine.image.os);
    expect(fromRegistry.layers.map((l) => l.diffId)).toEqual(fromEngine.layers.map((l) => l.diffId));
    expect(fromRegistry.packages.length).toBeGreaterThan(100);
    expect(fromRegistry.packages).toEqual(fromEngine.packages);
    const ids = (r: ImageScanResult) =>
      r.vulnerabilities.map((v) => `${v.id} ${v.package} ${v.layer}`).sort();
    expect(ids(fromRegistry)).toEqual(ids(fromEngine));
    expect(fromRegistry.vulnerabilities.some((v) => v.package === 'lodash')).toBe(true);
  });

  it('picks this machine’s platform from an index (or the one asked for), and opens by manifest digest', async () => {
    const before = await registryTempDirs();
    const fromIndex = await openRegistryImage(`registry:${plain.host}/${REPO}:multi`, plainSettings);
    try {
      expect(fromIndex.imageId).toBe(appId);
      expect(fromIndex.layers).toHaveLength(2);
      expect(fromIndex.tags).toEqual([`${plain.host}/${REPO}:multi`]);
    } finally {
      await fromIndex.close();
    }
    const other = await openRegistryImage(`registry:${plain.host}/${REPO}:multi`, {
      ...plainSettings,
      platform: { os: 'linux', architecture: otherArchitecture },
    });
    await other.close();
    expect(other.imageId).toBe(busyboxId);
    await expect(
      openRegistryImage(`registry:${plain.host}/${REPO}:multi`, {
        ...plainSettings,
        platform: { os: 'linux', architecture: otherArchitecture, variant: 'v7' },
      }),
    ).rejects.toThrow(`${plain.host}/${REPO}:multi: no image for linux/${otherArchitecture}/v7 in the index`);
    const byDigest = await openRegistryImage(
      `registry:${plain.host}/${REPO}@${appManifestDigest}`,
      plainSettings,
    );
    await byDigest.close();
    expect(byDigest.imageId).toBe(appId);
    expect(await registryTempDirs()).toEqual(before);
  });

  it('a plain reference the engine does not have is read from the registry it names', async () => {
    const ref = `${plain.host}/${REPO}:multi`;
    const docker = await testDocker();
    await docker
      .getImage(ref)
      .remove()
      .catch(() => undefined);
    const outcome = await runCli(['image', 'scan', ref, '--format', 'json'], {
      ...env,
      COASTGUARD_HOME: home,
      COASTGUARD_REGISTRY_INSECURE_HTTP: '1',
    });
    expect(outcome.code, outcome.stderr).toBe(0);
    expect((JSON.parse(outcome.stdout) as ImageScanResult).image.digest).toBe(appId);

    const absent = await runCli(['image', 'scan', `${plain.host}/${PREFIX}absent:1`], {
      ...env,
      COASTGUARD_HOME: home,
      COASTGUARD_REGISTRY_INSECURE_HTTP: '1',
    });
    expect(absent.code).toBe(2);
    expect(absent.stderr).toContain(
      `No image ${plain.host}/${PREFIX}absent:1 in the Docker engine, nor from its registry: ${plain.host}/${PREFIX}absent:1: image not found in the registry`,
    );
  });

  it('finds the base its label names in the same registry, by the digest label once the tag has moved on', async () => {
    const base = `${plain.host}/${PREFIX}base:1`;
    const push = async (image: string, target: string) => {
      await sh('docker', ['tag', image, target]);
      pushedTags.push(target);
      await sh('docker', ['push', target]);
    };
    await push(BASE, base);
    const baseDigest = await manifestDigest(plain.host, '1', `${PREFIX}base`);
    const build = async (tag: string, labels: string[]) => {
      const context = join(work, `labelled-${tag}`);
      await mkdir(context);
      await copyFile(
        join(FIXTURES, 'lockfiles/npm-vulnerable/package-lock.json'),
        join(context, 'package-lock.json'),
      );
      const lines = labels.map((l) => `LABEL ${l}`).join('\n');
      await writeFile(join(context, 'Dockerfile'), `FROM ${BASE}\n${lines}\nCOPY package-lock.json /app/\n`);
      const target = `${plain.host}/${REPO}:${tag}`;
      await sh('docker', ['build', '-q', '-t', target, context]);
      pushedTags.push(target);
      await sh('docker', ['push', target]);
    };
    await build('by-name', [`org.opencontainers.image.base.name=${base}`]);
    await build('by-digest', [
      `org.opencontainers.image.base.name=${base}`,
      `org.opencontainers.image.base.digest=${baseDigest}`,
    ]);
    await build('elsewhere', ['org.opencontainers.image.base.name=127.0.0.1:9/cgtest-s3r-base:1']);
    // No engine to ask: the base can only come from the registry.
    const scan = async (tag: string) => {
      const outcome = await runCli(
        ['image', 'scan', `registry:${plain.host}/${REPO}:${tag}`, '--format', 'json'],
        {
          ...env,
          COASTGUARD_HOME: home,
          COASTGUARD_REGISTRY_INSECURE_HTTP: '1',
          DOCKER_HOST: `unix://${join(work, 'no-engine.sock')}`,
        },
      );
      expect(outcome.code, outcome.stderr).toBe(0);
      return JSON.parse(outcome.stdout) as ImageScanResult;
    };
    const expectBase = (result: ImageScanResult) => {
      expect(result.baseImage).toEqual({ ref: base, layers: 1 });
      expect(result.layers.map((l) => l.base)).toEqual([true, false]);
      expect(result.warnings.join('\n')).not.toMatch(/lineage|base image/i);
      const fixedBy = (ecosystem: string) =>
        new Set(
          result.vulnerabilities
            .filter((v) => v.ecosystem === ecosystem && v.fixedVersion)
            .map((v) => v.fixedBy),
        );
      expect(fixedBy('npm')).toEqual(new Set(['application']));
      expect([...fixedBy('deb')]).toEqual(['base']);
    };
    expectBase(await scan('by-name'));

    // The base's tag moves on to another image: the name alone no longer fits, the digest still does.
    await push(BUSYBOX, base);
    expectBase(await scan('by-digest'));
    const stale = await scan('by-name');
    expect(stale.baseImage).toBeUndefined();
    expect(stale.layers.map((l) => l.base)).toEqual([false, false]);
    expect(stale.warnings).toContain(
      `The base image ${base} (label org.opencontainers.image.base.name) does not match this image's first layers: it has changed since this image was built, or the label is wrong.`,
    );

    // Another registry is not asked: nothing listens on 127.0.0.1:9, and the warning says why it was not tried.
    const elsewhere = await scan('elsewhere');
    expect(elsewhere.baseImage).toBeUndefined();
    expect(elsewhere.warnings).toContain(
      `The base image 127.0.0.1:9/cgtest-s3r-base:1 (label org.opencontainers.image.base.name) is not in ${plain.host}, the registry the image came from; only that registry is asked.`,
    );
  });

  it('refuses plain HTTP to a host that is not loopback, before connecting', async () => {
    // The name cannot resolve: a connection attempt would fail on DNS, not with this refusal.
    await expect(openRegistryImage('registry:cgtest-s3r.invalid:5000/app:1', plainSettings)).rejects.toThrow(
      /Plain HTTP is allowed only to this machine \(loopback\), not to cgtest-s3r\.invalid:5000/,
    );
  });

  it('says the registry may speak plain HTTP when HTTPS meets an HTTP registry, and names a missing image', async () => {
    await expect(
      openRegistryImage(`registry:${plain.host}/${REPO}:1`, { isPlainHttp: false }),
    ).rejects.toThrow(
      new RegExp(`${plain.host}/${REPO}:1: cannot reach .*COASTGUARD_REGISTRY_INSECURE_HTTP`),
    );
    await expect(
      openRegistryImage(`registry:${plain.host}/${PREFIX}absent:1`, plainSettings),
    ).rejects.toThrow(`${plain.host}/${PREFIX}absent:1: image not found in the registry`);
  });

  it('Basic auth against htpasswd (bcrypt): the right password opens, a wrong one is refused without echoing it', async () => {
    const basic = await start('basic', {
      extraYaml: `auth:\n  htpasswd:\n    realm: cgtest-s3r\n    path: ${join(work, 'htpasswd')}\n`,
    });
    const ref = `registry:${basic.host}/${REPO}:1`;
    const image = await openRegistryImage(ref, {
      isPlainHttp: true,
      credentials: { username: USER, password: PASSWORD },
    });
    await image.close();
    expect(image.imageId).toBe(appId);

    const wrong = 'not-the-password-51c9';
    const refused = await openRegistryImage(ref, {
      isPlainHttp: true,
      credentials: { username: USER, password: wrong },
    }).catch((err: Error) => err);
    expect(refused).toBeInstanceOf(Error);
    expect((refused as Error).message).toMatch(
      new RegExp(`${basic.host}/${REPO}:1: access denied \\(HTTP 401\\) with the credentials given`),
    );
    expect((refused as Error).message).not.toContain(wrong);
    expect((refused as Error).message).not.toContain(Buffer.from(`${USER}:${wrong}`).toString('base64'));

    await expect(openRegistryImage(ref, plainSettings)).rejects.toThrow(/no credentials were given/);
  });

  it('the CLI reads credentials from a password file and refuses a wrong one naming the registry only', async () => {
    const basic = await start('basic-cli', {
      extraYaml: `auth:\n  htpasswd:\n    realm: cgtest-s3r\n    path: ${join(work, 'htpasswd')}\n`,
    });
    const passwordFile = join(work, 'password');
    await writeFile(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
    const ref = `registry:${basic.host}/${REPO}:1`;
    const base = {
      ...env,
      COASTGUARD_HOME: home,
      COASTGUARD_REGISTRY_INSECURE_HTTP: '1',
      COASTGUARD_REGISTRY_USER: USER,
    };
    const ok = await runCli(['image', 'scan', ref, '--format', 'json'], {
      ...base,
      COASTGUARD_REGISTRY_PASSWORD_FILE: passwordFile,
    });
    expect(ok.code, ok.stderr).toBe(0);
    expect((JSON.parse(ok.stdout) as ImageScanResult).image.digest).toBe(appId);

    const wrong = 'cli-wrong-password-8d1e';
    const bad = await runCli(['image', 'scan', ref, '--format', 'json'], {
      ...base,
      COASTGUARD_REGISTRY_PASSWORD: wrong,
    });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`${basic.host}/${REPO}:1: access denied`);
    expect(bad.stdout + bad.stderr).not.toContain(wrong);
  });

  it('HTTPS with the CA file opens; without it the certificate is refused with a hint', async () => {
    const tls = await start('tls', { tls: true });
    for (const host of [tls.host, `localhost:${tls.port}`]) {
      const image = await openRegistryImage(`registry:${host}/${REPO}:1`, {
        isPlainHttp: false,
        caFile: join(work, 'ca.pem'),
      });
      await image.close();
      expect(image.imageId).toBe(appId);
    }
    await expect(openRegistryImage(`registry:${tls.host}/${REPO}:1`, { isPlainHttp: false })).rejects.toThrow(
      /not trusted: COASTGUARD_REGISTRY_CA/,
    );
    await expect(
      openRegistryImage(`registry:${tls.host}/${REPO}:1`, {
        isPlainHttp: false,
        caFile: join(work, 'htpasswd'),
      }),
    ).rejects.toThrow(/The registry CA file .*htpasswd cannot be used: no PEM certificate/);
  });

  it('Bearer token flow: the registry’s challenge, the token service with Basic credentials, the retry', async () => {
    const seen: { authorization: string | undefined; scope: string | null; service: string | null }[] = [];
    const tokenKey = await readFile(join(work, 'token.key'), 'utf8');
    const tokenCert = (await readFile(join(work, 'token.pem'), 'utf8')).replace(/-----[^-]+-----|\s/g, '');
    const server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      seen.push({
        authorization: req.headers.authorization,
        scope: url.searchParams.get('scope'),
        service: url.searchParams.get('service'),
      });
      if (req.headers.authorization !== `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`) {
        res.writeHead(401).end();
        return;
      }
      const [, name, actions] = (url.searchParams.get('scope') ?? '').split(':');
      const now = Math.floor(Date.now() / 1000);
      const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
      const unsigned = `${b64({ typ: 'JWT', alg: 'RS256', x5c: [tokenCert] })}.${b64({
        iss: ISSUER,
        sub: USER,
        aud: SERVICE,
        exp: now + 300,
        nbf: now - 10,
        iat: now,
        jti: randomUUID(),
        access: [{ type: 'repository', name, actions: (actions ?? '').split(',') }],
      })}`;
      const signature = createSign('RSA-SHA256').update(unsigned).sign(tokenKey).toString('base64url');
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ token: `${unsigned}.${signature}` }));
    });
    servers.push(server);
    const tokenPort = await new Promise<number>((done) =>
      server.listen(0, '127.0.0.1', () => done((server.address() as { port: number }).port)),
    );
    const bearer = await start('bearer', {
      extraYaml:
        `auth:\n  token:\n    realm: http://127.0.0.1:${tokenPort}/token\n    service: ${SERVICE}\n` +
        `    issuer: ${ISSUER}\n    rootcertbundle: ${join(work, 'token.pem')}\n`,
    });
    const ref = `registry:${bearer.host}/${REPO}:1`;
    const image = await openRegistryImage(ref, {
      isPlainHttp: true,
      credentials: { username: USER, password: PASSWORD },
    });
    await image.close();
    expect(image.imageId).toBe(appId);
    expect(seen[0]).toMatchObject({ scope: `repository:${REPO}:pull`, service: SERVICE });
    expect(seen).toHaveLength(1);

    const wrong = 'bearer-wrong-3b7a';
    const refused = await openRegistryImage(ref, {
      isPlainHttp: true,
      credentials: { username: USER, password: wrong },
    }).catch((err: Error) => err);
    expect((refused as Error).message).toMatch(
      new RegExp(`${bearer.host}/${REPO}:1: access denied \\(HTTP 401\\) with the credentials given`),
    );
    expect((refused as Error).message).not.toContain(wrong);
  });

  it('a tampered layer blob fails naming its digest; nothing is left in the temporary directory', async () => {
    const tampered = join(work, 'tampered');
    await cp(storage, tampered, { recursive: true });
    const [, appLayer] = await layerDigests(plain.host);
    expect(appLayer).toMatch(/^sha256:/);
    const hex = (appLayer ?? '').slice(7);
    const blob = join(tampered, 'docker/registry/v2/blobs/sha256', hex.slice(0, 2), hex, 'data');
    const handle = await open(blob, 'r+');
    const byte = Buffer.alloc(1);
    await handle.read(byte, 0, 1, 100);
    byte[0] = (byte[0] ?? 0) ^ 0xff;
    await handle.write(byte, 0, 1, 100);
    await handle.close();
    expect(
      createHash('sha256')
        .update(await readFile(blob))
        .digest('hex'),
    ).not.toBe(hex);

    const registry = await start('tampered', { storage: tampered });
    const before = await registryTempDirs();
    await expect(openRegistryImage(`registry:${registry.host}/${REPO}:1`, plainSettings)).rejects.toThrow(
      `${registry.host}/${REPO}:1: blob ${appLayer} does not match its digest`,
    );
    expect(await registryTempDirs()).toEqual(before);
  });

  it('an image larger than the bound is refused', async () => {
    await expect(
      openRegistryImage(`registry:${plain.host}/${REPO}:1`, plainSettings, { maxArchiveBytes: 10_000 }),
    ).rejects.toThrow(
      new RegExp(`${plain.host}/${REPO}:1: blob sha256:[a-f0-9]{64} is larger than 10000 bytes`),
    );
  });
});
