import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoastguardError } from '../../core/errors.js';
import {
  closeEngineClient,
  createEngineClient,
  type EngineClient,
  EngineRequestError,
  isNotFound,
  pingEngine,
  requestEngine,
  resolveApiVersion,
  resolveEngineEndpoint,
  streamEngine,
} from './engine-client.js';

describe('resolveEngineEndpoint', () => {
  it.each`
    env                                                                                    | expected
    ${{}}                                                                                  | ${{ kind: 'unix', socketPath: '/var/run/docker.sock', description: 'unix:///var/run/docker.sock' }}
    ${{ DOCKER_HOST: '' }}                                                                 | ${{ kind: 'unix', socketPath: '/var/run/docker.sock', description: 'unix:///var/run/docker.sock' }}
    ${{ DOCKER_HOST: 'unix:///run/user/1000/docker.sock' }}                                | ${{ kind: 'unix', socketPath: '/run/user/1000/docker.sock', description: 'unix:///run/user/1000/docker.sock' }}
    ${{ DOCKER_HOST: 'unix://' }}                                                          | ${{ kind: 'unix', socketPath: '/var/run/docker.sock', description: 'unix:///var/run/docker.sock' }}
    ${{ DOCKER_HOST: 'tcp://10.0.0.5:2375' }}                                              | ${{ kind: 'tcp', host: '10.0.0.5', port: 2375, isTls: false, description: 'tcp://10.0.0.5:2375' }}
    ${{ DOCKER_HOST: 'tcp://10.0.0.5' }}                                                   | ${{ kind: 'tcp', host: '10.0.0.5', port: 2375, isTls: false, description: 'tcp://10.0.0.5:2375' }}
    ${{ DOCKER_HOST: 'engine.internal:2375' }}                                             | ${{ kind: 'tcp', host: 'engine.internal', port: 2375, isTls: false, description: 'tcp://engine.internal:2375' }}
    ${{ DOCKER_HOST: 'tcp://[::1]:2375' }}                                                 | ${{ kind: 'tcp', host: '::1', port: 2375, isTls: false, description: 'tcp://[::1]:2375' }}
    ${{ DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/certs' }} | ${{ kind: 'tcp', host: 'h', port: 2376, isTls: true, certPath: '/certs', description: 'tcp://h:2376' }}
    ${{ DOCKER_HOST: 'tcp://h', DOCKER_TLS_VERIFY: '1', HOME: '/home/u' }}                 | ${{ kind: 'tcp', host: 'h', port: 2376, isTls: true, certPath: '/home/u/.docker', description: 'tcp://h:2376' }}
  `('$env', ({ env, expected }) => {
    expect(resolveEngineEndpoint(env)).toEqual(expected);
  });

  it('never puts credentials in the description', () => {
    const endpoint = resolveEngineEndpoint({ DOCKER_HOST: 'tcp://user:secret@h:2375' });
    expect(endpoint.description).toBe('tcp://h:2375');
  });

  it.each(['ssh://user@h', 'npipe:////./pipe/docker_engine'])(
    'rejects the unsupported scheme of %s',
    (host) => {
      expect(() => resolveEngineEndpoint({ DOCKER_HOST: host })).toThrow(/is not supported/);
    },
  );

  it('rejects an address that is not one, without echoing credentials', () => {
    expect(() => resolveEngineEndpoint({ DOCKER_HOST: 'tcp://user:pw@[bad' })).toThrow(
      expect.objectContaining({ code: 'BAD_USAGE', message: expect.not.stringContaining('pw') }),
    );
  });
});

describe('resolveApiVersion', () => {
  it.each([
    [undefined, '1.41'],
    ['1.43', '1.43'],
    ['v1.40', '1.40'],
  ])('%s → %s', (value, expected) => {
    expect(resolveApiVersion(value === undefined ? {} : { DOCKER_API_VERSION: value })).toBe(expected);
  });

  it('rejects a malformed version', () => {
    expect(() => resolveApiVersion({ DOCKER_API_VERSION: 'latest' })).toThrow(CoastguardError);
  });
});

describe('createEngineClient', () => {
  it('names the missing TLS file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cgtest-certs-'));
    try {
      await writeFile(join(dir, 'ca.pem'), 'x');
      await writeFile(join(dir, 'cert.pem'), 'x');
      const env = { DOCKER_HOST: 'tcp://127.0.0.1:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: dir };
      await expect(createEngineClient({ env })).rejects.toMatchObject({
        code: 'BAD_INPUT',
        message: expect.stringContaining(`${join(dir, 'key.pem')} (does not exist)`),
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses an oversized certificate file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cgtest-certs-'));
    try {
      for (const name of ['ca.pem', 'cert.pem']) await writeFile(join(dir, name), 'x');
      await writeFile(join(dir, 'key.pem'), 'k'.repeat(300 * 1024));
      const env = { DOCKER_HOST: 'tcp://127.0.0.1:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: dir };
      await expect(createEngineClient({ env })).rejects.toThrow(/key\.pem .*larger than/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('pingEngine', () => {
  let dir: string;
  let silent: Server;
  let silentPath: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cgtest-ping-'));
    silentPath = join(dir, 'silent.sock');
    // Accepts connections and never answers: a hung engine.
    silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(silentPath, resolve));
  });
  afterAll(async () => {
    silent.close();
    await rm(dir, { recursive: true, force: true });
  });

  const unreachable = async (env: NodeJS.ProcessEnv, timeoutMs?: number) => {
    const client = await createEngineClient({ env });
    const err = await pingEngine(client, timeoutMs ? { timeoutMs } : {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CoastguardError);
    expect(err).toMatchObject({ code: 'ENGINE_UNREACHABLE', exitCode: 2 });
    return (err as Error).message;
  };

  it('explains a missing socket, naming the endpoint', async () => {
    expect(await unreachable({ DOCKER_HOST: 'unix:///nonexistent' })).toBe(
      'Cannot reach the Docker engine at unix:///nonexistent: no socket at /nonexistent. Is dockerd running? Set DOCKER_HOST to point elsewhere.',
    );
  });

  it('explains a refused connection', async () => {
    const closed = createServer();
    const port = await new Promise<number>((resolve) =>
      closed.listen(0, '127.0.0.1', () => resolve((closed.address() as { port: number }).port)),
    );
    await new Promise((resolve) => closed.close(resolve));
    expect(await unreachable({ DOCKER_HOST: `tcp://127.0.0.1:${port}` })).toContain(
      `at tcp://127.0.0.1:${port}: connection refused.`,
    );
  });

  it('explains a path that is not a socket', async () => {
    const file = join(dir, 'plain-file');
    await writeFile(file, '');
    expect(await unreachable({ DOCKER_HOST: `unix://${file}` })).toMatch(
      /: (connection refused|.* is not a socket)\./,
    );
  });

  it('gives up on an engine that does not answer', async () => {
    expect(await unreachable({ DOCKER_HOST: `unix://${silentPath}` }, 300)).toContain(
      'no answer within 0.3 s',
    );
  });

  it("rethrows the caller's abort rather than blaming the engine", async () => {
    const client = await createEngineClient({ env: { DOCKER_HOST: `unix://${silentPath}` } });
    const controller = new AbortController();
    const pending = pingEngine(client, { signal: controller.signal, timeoutMs: 5_000 });
    controller.abort(new Error('user cancelled'));
    await expect(pending).rejects.toThrow('user cancelled');
  });
});

describe('requestEngine', () => {
  let dir: string;
  let server: HttpServer;
  let client: EngineClient;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cgtest-request-'));
    const socketPath = join(dir, 'engine.sock');
    // A fake engine answering by path, to show how each kind of bad answer surfaces.
    server = createHttpServer((req, res) => {
      const path = req.url ?? '';
      if (path.startsWith('/v1.41/ok')) {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ path, host: req.headers.host }));
      } else if (path.startsWith('/v1.41/gone')) {
        res.statusCode = 404;
        res.setHeader('content-type', 'application/json');
        res.end('{"message":"No such container: abc"}');
      } else if (path.startsWith('/v1.41/garbage')) {
        res.setHeader('content-type', 'application/json');
        res.end('{"truncated": ');
      } else {
        res.statusCode = 500;
        res.end('');
      }
    });
    await new Promise<void>((resolve) => server.listen(socketPath, resolve));
    client = await createEngineClient({ env: { DOCKER_HOST: `unix://${socketPath}` } });
  });
  afterAll(async () => {
    closeEngineClient(client);
    server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('prefixes the API version and encodes the query', async () => {
    const body = await requestEngine<{ path: string }>(client, '/ok', { query: { all: true, name: 'a b' } });
    expect(body.path).toBe('/v1.41/ok?all=true&name=a+b');
  });

  it("turns an engine error into an EngineRequestError with the status and the engine's message", async () => {
    const err = await requestEngine(client, '/gone').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EngineRequestError);
    expect(isNotFound(err)).toBe(true);
    expect((err as Error).message).toBe('GET /gone: No such container: abc');
  });

  it('names the path when the answer is not JSON', async () => {
    await expect(requestEngine(client, '/garbage')).rejects.toThrow(
      'GET /garbage: the engine answered something that is not JSON',
    );
  });

  it('reports an empty error answer by its status', async () => {
    await expect(requestEngine(client, '/broken')).rejects.toMatchObject({
      statusCode: 500,
      message: 'GET /broken: HTTP 500',
    });
  });
});

describe('streamEngine', () => {
  let dir: string;
  let server: HttpServer;
  let client: EngineClient;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cgtest-stream-'));
    const socketPath = join(dir, 'engine.sock');
    // A fake /events: lines split across writes, then held open; or a bad line; or an error status.
    server = createHttpServer((req, res) => {
      const path = req.url ?? '';
      if (path.startsWith('/v1.41/events')) {
        res.setHeader('content-type', 'application/json');
        res.write('{"Action":"start","n":1}\n{"Action":"di');
        setTimeout(() => res.write('e","n":2}\n\n'), 20);
      } else if (path.startsWith('/v1.41/garbage')) {
        res.end('{"n":1}\nnot json\n');
      } else if (path.startsWith('/v1.41/huge')) {
        res.write('x'.repeat(2048));
        setTimeout(() => res.end('\n'), 20);
      } else {
        res.statusCode = 500;
        res.setHeader('content-type', 'application/json');
        res.end('{"message":"boom"}');
      }
    });
    await new Promise<void>((resolve) => server.listen(socketPath, resolve));
    client = await createEngineClient({ env: { DOCKER_HOST: `unix://${socketPath}` } });
  });
  afterAll(async () => {
    closeEngineClient(client);
    server.closeAllConnections();
    server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('yields one object per line, across chunk boundaries, and ends quietly when aborted', async () => {
    const controller = new AbortController();
    const seen: unknown[] = [];
    for await (const value of streamEngine(client, '/events', {
      query: { filters: '{"type":["container"]}' },
      signal: controller.signal,
    })) {
      seen.push(value);
      if (seen.length === 2) controller.abort();
    }
    expect(seen).toEqual([
      { Action: 'start', n: 1 },
      { Action: 'die', n: 2 },
    ]);
  });

  it('fails on a line that is not JSON, naming the path', async () => {
    const seen: unknown[] = [];
    await expect(
      (async () => {
        for await (const value of streamEngine(client, '/garbage')) seen.push(value);
      })(),
    ).rejects.toThrow('GET /garbage: the engine streamed a line that is not JSON');
    expect(seen).toEqual([{ n: 1 }]);
  });

  it('refuses a line longer than the bound', async () => {
    await expect(
      (async () => {
        for await (const _ of streamEngine(client, '/huge', { maxLineBytes: 1024 })) {
          // draining
        }
      })(),
    ).rejects.toThrow('longer than 1024 bytes');
  });

  it("reports an error status with the engine's message", async () => {
    await expect(streamEngine(client, '/broken').next()).rejects.toMatchObject({
      statusCode: 500,
      message: 'GET /broken: boom',
    });
  });
});
