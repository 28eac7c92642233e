import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseChallenge } from './client.js';
import { findCredentials } from './credentials.js';
import { parsePlatform } from './platform.js';
import { isLoopbackHost, parseRegistryReference } from './reference.js';

const DIGEST = `sha256:${'ab'.repeat(32)}`;

describe('parseRegistryReference', () => {
  it('reads host, port, nested repository, tag and digest; latest by default', () => {
    expect(parseRegistryReference('registry:127.0.0.1:5000/team/app:1.2')).toEqual({
      host: '127.0.0.1:5000',
      repository: 'team/app',
      reference: '1.2',
      isDigest: false,
    });
    expect(parseRegistryReference('registry:reg.example.com/app')).toMatchObject({ reference: 'latest' });
    expect(parseRegistryReference(`registry:[::1]:5000/app@${DIGEST}`)).toEqual({
      host: '[::1]:5000',
      repository: 'app',
      reference: DIGEST,
      isDigest: true,
    });
  });

  it('refuses credentials in the reference without repeating them', () => {
    for (const ref of [
      'registry:alice:s3cret-pw@reg.example/app:1',
      'registry:alice:s3cret-pw@reg.example',
    ]) {
      expect(() => parseRegistryReference(ref)).toThrow(/must not carry credentials/);
      try {
        parseRegistryReference(ref);
      } catch (err) {
        expect((err as Error).message).not.toContain('s3cret-pw');
      }
    }
  });

  it.each([
    ['registry:app', /no registry host/],
    ['registry:/app:1', /no registry host/],
    ['registry:host_name/app', /is not a registry host/],
    ['registry:host/App', /is not a valid repository name/],
    ['registry:host/app/../etc', /is not a valid repository name/],
    ['registry:host/app:-bad', /is not a valid tag/],
    ['registry:host/app@sha256:abc', /is not a sha256 digest/],
    ['registry:host/', /is not a valid repository name/],
  ])('%s is refused', (ref, message) => {
    expect(() => parseRegistryReference(ref)).toThrow(message);
    expect(() => parseRegistryReference(ref)).toThrow(/expected registry:HOST\[:PORT\]\/REPOSITORY/);
  });
});

describe('isLoopbackHost', () => {
  it.each([
    ['127.0.0.1:5000', true],
    ['127.8.9.10', true],
    ['localhost:443', true],
    ['[::1]:5000', true],
    ['10.0.0.1:5000', false],
    ['localhost.example.com', false],
    ['127.0.0.1.example.com', false],
    ['registry.example.com', false],
  ])('%s → %s', (host, expected) => expect(isLoopbackHost(host)).toBe(expected));
});

describe('parseChallenge', () => {
  it('reads realm, service and scope', () => {
    expect(
      parseChallenge('Bearer realm="https://auth.example/token",service="reg",scope="repository:a/b:pull"'),
    ).toEqual({ realm: 'https://auth.example/token', service: 'reg', scope: 'repository:a/b:pull' });
  });
});

describe('findCredentials', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cgtest-s3r-creds-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('prefers the environment, with the password inline or in a file', async () => {
    expect(
      findCredentials('h', { COASTGUARD_REGISTRY_USER: 'u', COASTGUARD_REGISTRY_PASSWORD: 'p' }),
    ).toEqual({
      username: 'u',
      password: 'p',
    });
    const file = join(dir, 'pw');
    await writeFile(file, 'from-file\n');
    expect(
      findCredentials('h', { COASTGUARD_REGISTRY_USER: 'u', COASTGUARD_REGISTRY_PASSWORD_FILE: file }),
    ).toEqual({
      username: 'u',
      password: 'from-file',
    });
  });

  it('a missing password file is an error naming the file', () => {
    const missing = join(dir, 'absent');
    expect(() =>
      findCredentials('h', { COASTGUARD_REGISTRY_USER: 'u', COASTGUARD_REGISTRY_PASSWORD_FILE: missing }),
    ).toThrow(`The registry password file ${missing} cannot be read`);
  });

  it('reads docker config.json auths for the host, with or without a scheme', async () => {
    const auth = Buffer.from('alice:pa:ss').toString('base64');
    await writeFile(
      join(dir, 'config.json'),
      JSON.stringify({ auths: { 'reg.example:5000': { auth }, 'https://other.example': { auth } } }),
    );
    expect(findCredentials('reg.example:5000', { DOCKER_CONFIG: dir })).toEqual({
      username: 'alice',
      password: 'pa:ss',
    });
    expect(findCredentials('other.example', { DOCKER_CONFIG: dir })).toEqual({
      username: 'alice',
      password: 'pa:ss',
    });
    expect(findCredentials('third.example', { DOCKER_CONFIG: dir })).toBeUndefined();
  });

  it('a malformed or oversize config.json means anonymous, not a crash', async () => {
    const bad = join(dir, 'bad');
    await mkdir(bad);
    await writeFile(join(bad, 'config.json'), '{"auths": {');
    expect(findCredentials('h', { DOCKER_CONFIG: bad })).toBeUndefined();
    await writeFile(join(bad, 'config.json'), JSON.stringify({ auths: { h: { auth: 'bm9jb2xvbg==' } } }));
    expect(findCredentials('h', { DOCKER_CONFIG: bad })).toBeUndefined();
    await writeFile(join(bad, 'config.json'), ' '.repeat(2 * 1024 * 1024));
    expect(findCredentials('h', { DOCKER_CONFIG: bad })).toBeUndefined();
  });
});

describe('parsePlatform', () => {
  it('reads OS/ARCH[/VARIANT] and refuses anything else', () => {
    expect(parsePlatform('linux/arm/v7')).toEqual({ os: 'linux', architecture: 'arm', variant: 'v7' });
    expect(parsePlatform('linux/amd64')).toEqual({ os: 'linux', architecture: 'amd64' });
    for (const bad of ['linux', 'linux/', '/amd64', 'linux/amd64/v1/x', 'Linux/AMD64', 'linux/$(id)']) {
      expect(() => parsePlatform(bad)).toThrow(`"${bad}" is not a platform; expected OS/ARCH[/VARIANT]`);
    }
  });
});
