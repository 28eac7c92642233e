// DOCKER_HOST over TCP with TLS, against a local HTTPS server that demands a client certificate as dockerd does
// with --tlsverify. Certificates are made for the test with openssl.
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngineClient, pingEngine } from './engine-client.js';

const run = promisify(execFile);
const hasOpenssl = await run('openssl', ['version']).then(
  () => true,
  () => false,
);

let dir: string;
let server: Server;
let port: number;
const seen: { path?: string; clientCn?: string }[] = [];

async function makeCa(name: string): Promise<void> {
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '1',
    '-subj',
    `/CN=${name}`,
    '-keyout',
    join(dir, `${name}-key.pem`),
    '-out',
    join(dir, `${name}.pem`),
  ]);
}

async function makeCert(name: string, ca: string, extension?: string): Promise<void> {
  await run('openssl', [
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-subj',
    `/CN=${name}`,
    '-keyout',
    join(dir, `${name}-key.pem`),
    '-out',
    join(dir, `${name}.csr`),
  ]);
  const args = [
    'x509',
    '-req',
    '-in',
    join(dir, `${name}.csr`),
    '-CA',
    join(dir, `${ca}.pem`),
    '-CAkey',
    join(dir, `${ca}-key.pem`),
    '-CAcreateserial',
    '-days',
    '1',
    '-out',
    join(dir, `${name}.pem`),
  ];
  if (extension) args.push('-extfile', extension);
  await run('openssl', args);
}

/** A DOCKER_CERT_PATH directory: ca.pem, cert.pem, key.pem. */
async function certDir(name: string, ca: string): Promise<string> {
  const path = join(dir, name);
  await mkdir(path);
  await copyFile(join(dir, `${ca}.pem`), join(path, 'ca.pem'));
  await copyFile(join(dir, 'client.pem'), join(path, 'cert.pem'));
  await copyFile(join(dir, 'client-key.pem'), join(path, 'key.pem'));
  return path;
}

describe.skipIf(!hasOpenssl)('TLS engine endpoint', () => {
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cgtest-tls-'));
    await makeCa('ca');
    await makeCa('other-ca');
    const san = join(dir, 'san.cnf');
    await run('sh', ['-c', `printf 'subjectAltName=IP:127.0.0.1\\n' > "$1"`, 'sh', san]);
    await makeCert('server', 'ca', san);
    await makeCert('client', 'ca');
    server = createServer(
      {
        key: await readFile(join(dir, 'server-key.pem')),
        cert: await readFile(join(dir, 'server.pem')),
        ca: await readFile(join(dir, 'ca.pem')),
        requestCert: true,
        rejectUnauthorized: true,
      },
      (req, res) => {
        const peer = (req.socket as TLSSocket).getPeerCertificate();
        const cn = peer.subject?.CN;
        seen.push({ path: req.url, clientCn: Array.isArray(cn) ? cn.join(',') : cn });
        res.end('OK');
      },
    );
    port = await new Promise<number>((resolve) =>
      server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
    );
  }, 60_000);

  afterAll(async () => {
    server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('connects with the client certificate and verifies the server against ca.pem', async () => {
    const env = {
      DOCKER_HOST: `tcp://127.0.0.1:${port}`,
      DOCKER_TLS_VERIFY: '1',
      DOCKER_CERT_PATH: await certDir('good', 'ca'),
    };
    const client = await createEngineClient({ env });
    expect(client.endpoint).toMatchObject({
      kind: 'tcp',
      isTls: true,
      description: `tcp://127.0.0.1:${port}`,
    });
    await pingEngine(client);
    expect(seen.at(-1)).toEqual({ path: '/v1.41/_ping', clientCn: 'client' });
  });

  it('refuses a server its CA did not sign, as an unreachable engine', async () => {
    const env = {
      DOCKER_HOST: `tcp://127.0.0.1:${port}`,
      DOCKER_TLS_VERIFY: '1',
      DOCKER_CERT_PATH: await certDir('wrong', 'other-ca'),
    };
    const client = await createEngineClient({ env });
    await expect(pingEngine(client)).rejects.toMatchObject({
      code: 'ENGINE_UNREACHABLE',
      message: expect.stringMatching(
        new RegExp(`^Cannot reach the Docker engine at tcp://127.0.0.1:${port}: .*certificate`),
      ),
    });
  });
});
