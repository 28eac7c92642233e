// Connects to the Docker engine the way the docker CLI does (DOCKER_HOST, DOCKER_TLS_VERIFY, DOCKER_CERT_PATH,
// DOCKER_API_VERSION), and turns "nothing answers there" into one clear error instead of a socket stack trace.
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { CoastguardError } from '../../core/errors.js';
import { describeFsError, readBounded } from '../read-bounded.js';

/** The engine API version we speak unless DOCKER_API_VERSION says otherwise: Docker 20.10's, the oldest we support. */
export const DEFAULT_API_VERSION = '1.41';
export const DEFAULT_SOCKET_PATH = '/var/run/docker.sock';
const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_PING_TIMEOUT_MS = 5_000;
/** A PEM certificate or key is a few KiB; anything far larger is not one. */
const MAX_CERT_BYTES = 256 * 1024;
/** The largest answer we read: a container list of thousands is a few MiB; more is not an engine talking. */
const MAX_RESPONSE_BYTES = 128 * 1024 * 1024;
/** Requests in flight per engine; more only queues inside dockerd on a small host. */
const MAX_SOCKETS = 8;

export type EngineEndpoint =
  | { kind: 'unix'; socketPath: string; description: string }
  | {
      kind: 'tcp';
      host: string;
      port: number;
      isTls: boolean;
      /** Directory holding ca.pem, cert.pem and key.pem when isTls. */
      certPath?: string;
      /** `tcp://host:port`, never with credentials. */
      description: string;
    };

export interface EngineClient {
  endpoint: EngineEndpoint;
  /** Without the leading `v`, e.g. `1.41`. */
  apiVersion: string;
  /** Per-request timeout in milliseconds. */
  timeoutMs: number;
  /** Connection details for node:http(s): socket or host and port, TLS material, a keep-alive agent. */
  transport: EngineTransport;
}

interface EngineTransport {
  isTls: boolean;
  agent: HttpAgent;
  connection:
    | { socketPath: string }
    | { host: string; port: number; ca?: Buffer; cert?: Buffer; key?: Buffer };
}

export interface EngineClientOptions {
  env?: NodeJS.ProcessEnv;
  /** Per-request timeout; a request that takes longer fails (default 30 s). */
  timeoutMs?: number;
}

/**
 * Where the engine is, from the environment. DOCKER_HOST forms: `unix:///path`, `tcp://host:port`, `host:port`.
 * TLS follows the docker CLI: any non-empty DOCKER_TLS_VERIFY turns on TLS with verification, certificates from
 * DOCKER_CERT_PATH (default ~/.docker).
 */
export function resolveEngineEndpoint(env: NodeJS.ProcessEnv = process.env): EngineEndpoint {
  const raw = env.DOCKER_HOST?.trim() ?? '';
  if (raw === '') return unixEndpoint(DEFAULT_SOCKET_PATH);
  if (raw.startsWith('unix://')) return unixEndpoint(raw.slice('unix://'.length) || DEFAULT_SOCKET_PATH);

  const withScheme = raw.includes('://') ? raw : `tcp://${raw}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch (cause) {
    throw new CoastguardError(
      'BAD_USAGE',
      `DOCKER_HOST is not a valid engine address (${redactUrl(raw)}): use unix:///path or tcp://host:port.`,
      { cause },
    );
  }
  if (url.protocol !== 'tcp:' && url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new CoastguardError(
      'BAD_USAGE',
      `DOCKER_HOST scheme ${url.protocol.replace(/:$/, '')}:// is not supported: use unix:///path or tcp://host:port.`,
    );
  }
  const isTls = (env.DOCKER_TLS_VERIFY ?? '') !== '' || url.protocol === 'https:';
  const port = url.port === '' ? (isTls ? 2376 : 2375) : Number(url.port);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const description = `tcp://${url.hostname}:${port}`;
  if (!isTls) return { kind: 'tcp', host, port, isTls, description };
  const certPath = env.DOCKER_CERT_PATH?.trim() || join(env.HOME || homedir(), '.docker');
  return { kind: 'tcp', host, port, isTls, certPath, description };
}

/** `1.41` from `1.41` or `v1.41`; the default when unset. */
export function resolveApiVersion(env: NodeJS.ProcessEnv = process.env): string {
  const raw = env.DOCKER_API_VERSION?.trim() ?? '';
  if (raw === '') return DEFAULT_API_VERSION;
  const version = raw.replace(/^v/, '');
  if (!/^\d+\.\d+$/.test(version)) {
    throw new CoastguardError(
      'BAD_USAGE',
      `DOCKER_API_VERSION must look like 1.41, not ${JSON.stringify(raw)}.`,
    );
  }
  return version;
}

export async function createEngineClient(options: EngineClientOptions = {}): Promise<EngineClient> {
  const env = options.env ?? process.env;
  const endpoint = resolveEngineEndpoint(env);
  const apiVersion = resolveApiVersion(env);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // Keep-alive: a scan makes hundreds of small requests, and a new connection per request costs more than the answer.
  const agentOptions = { keepAlive: true, maxSockets: MAX_SOCKETS };
  if (endpoint.kind === 'unix') {
    const transport: EngineTransport = {
      isTls: false,
      agent: new HttpAgent(agentOptions),
      connection: { socketPath: endpoint.socketPath },
    };
    return { endpoint, apiVersion, timeoutMs, transport };
  }
  const tls = endpoint.isTls && endpoint.certPath ? await readTlsFiles(endpoint.certPath) : {};
  const transport: EngineTransport = {
    isTls: endpoint.isTls,
    agent: endpoint.isTls ? new HttpsAgent(agentOptions) : new HttpAgent(agentOptions),
    connection: { host: endpoint.host, port: endpoint.port, ...tls },
  };
  return { endpoint, apiVersion, timeoutMs, transport };
}

/** Lets the process exit: closes the idle keep-alive connections. */
export function closeEngineClient(client: EngineClient): void {
  client.transport.agent.destroy();
}

/**
 * Fails with ENGINE_UNREACHABLE (exit 2) when nothing usable answers at the endpoint: a missing socket, a refused
 * connection, no permission, a timeout or a TLS failure all mean the user must point us elsewhere or start dockerd.
 */
export async function pingEngine(
  client: EngineClient,
  options: { signal?: AbortSignal; timeoutMs?: number } = {},
): Promise<void> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_PING_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  const abortSignal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  try {
    await requestEngine(client, '/_ping', { signal: abortSignal });
  } catch (err) {
    if (options.signal?.aborted) throw options.signal.reason;
    const reason = timeout.aborted
      ? `no answer within ${timeoutMs / 1000} s`
      : describeConnectionError(err, client);
    throw new CoastguardError(
      'ENGINE_UNREACHABLE',
      `Cannot reach the Docker engine at ${client.endpoint.description}: ${reason}. Is dockerd running? Set DOCKER_HOST to point elsewhere.`,
      { cause: err },
    );
  }
}

/** An engine API error carrying the HTTP status, so callers can tell "gone" (404) from a failure. */
export class EngineRequestError extends Error {
  constructor(
    message: string,
    readonly statusCode: number | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'EngineRequestError';
  }
}

export function isNotFound(err: unknown): boolean {
  return err instanceof EngineRequestError && err.statusCode === 404;
}

/**
 * One request against the engine API (`/v<apiVersion><path>`), a GET unless `method` says otherwise, resolved with
 * the parsed JSON body (undefined for an empty answer, as actions such as pause give). `body` is sent as JSON. A
 * non-2xx answer is an EngineRequestError carrying the status; the answer is bounded, and the caller's signal and
 * the client's timeout both abort the request.
 */
export function requestEngine<T>(
  client: EngineClient,
  path: string,
  options: {
    query?: Record<string, string | number | boolean>;
    signal?: AbortSignal;
    method?: 'GET' | 'POST';
    body?: unknown;
  } = {},
): Promise<T> {
  const search = new URLSearchParams(
    Object.entries(options.query ?? {}).map(([key, value]): [string, string] => [key, String(value)]),
  ).toString();
  const fullPath = `/v${client.apiVersion}${path}${search === '' ? '' : `?${search}`}`;
  const timeout = AbortSignal.timeout(client.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const { transport } = client;
  const send = transport.isTls ? httpsRequest : httpRequest;
  const method = options.method ?? 'GET';
  const payload = options.body === undefined ? undefined : Buffer.from(JSON.stringify(options.body), 'utf8');
  const headers: Record<string, string | number> = { accept: 'application/json' };
  // A unix socket has no host name to send; over tcp Node sends host:port, which TLS verification also uses.
  if ('socketPath' in transport.connection) headers.host = 'docker';
  if (payload !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = payload.length;
  }
  return new Promise<T>((resolve, reject) => {
    const req = send(
      { ...transport.connection, agent: transport.agent, method, path: fullPath, headers, signal },
      (res) => {
        readJsonBody(res, path).then((body) => {
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) resolve(body as T);
          else reject(new EngineRequestError(`${method} ${path}: ${engineMessage(body, status)}`, status));
        }, reject);
      },
    );
    req.once('error', (err) => reject(timeout.aborted ? Object.assign(err, { code: 'ETIMEDOUT' }) : err));
    req.end(payload);
  });
}

async function readJsonBody(res: IncomingMessage, path: string): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_RESPONSE_BYTES) {
      res.destroy();
      throw new EngineRequestError(
        `GET ${path}: answer larger than ${MAX_RESPONSE_BYTES} bytes`,
        res.statusCode,
      );
    }
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch (cause) {
    // /_ping answers plain "OK"; anything else that is not JSON is the engine's own error text.
    if ((res.statusCode ?? 0) < 300 && !/json/.test(res.headers['content-type'] ?? '')) return text;
    throw new EngineRequestError(
      `GET ${path}: the engine answered something that is not JSON`,
      res.statusCode,
      {
        cause,
      },
    );
  }
}

function engineMessage(body: unknown, status: number): string {
  const message = typeof body === 'object' && body !== null ? (body as { message?: unknown }).message : body;
  return typeof message === 'string' && message.trim() !== '' ? message.trim() : `HTTP ${status}`;
}

/** A short human reason for a failed connection, from the errno code where there is one. */
export function describeConnectionError(err: unknown, client: Pick<EngineClient, 'endpoint'>): string {
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  const where = client.endpoint.kind === 'unix' ? client.endpoint.socketPath : client.endpoint.description;
  switch (code) {
    case 'ENOENT':
      return `no socket at ${where}`;
    case 'EACCES':
    case 'EPERM':
      return `permission denied on ${where} (run as root or as a member of the docker group)`;
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ETIMEDOUT':
      return 'connection timed out';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'host unreachable';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host name not found';
    case 'ECONNRESET':
    case 'EPIPE':
      return 'connection closed by the other side';
    case 'ENOTSOCK':
      return `${where} is not a socket`;
    default: {
      const message = err instanceof Error ? err.message : String(err);
      return message.replace(/\s+/g, ' ').trim() || 'unknown error';
    }
  }
}

function unixEndpoint(socketPath: string): EngineEndpoint {
  return { kind: 'unix', socketPath, description: `unix://${socketPath}` };
}

function redactUrl(raw: string): string {
  return raw.replace(/\/\/[^@/]*@/, '//***@');
}

async function readTlsFiles(certPath: string): Promise<{ ca: Buffer; cert: Buffer; key: Buffer }> {
  const read = async (name: string): Promise<Buffer> => {
    const path = join(certPath, name);
    try {
      return await readBounded(path, MAX_CERT_BYTES);
    } catch (cause) {
      throw new CoastguardError(
        'BAD_INPUT',
        `Cannot read the TLS file ${path} (${describeFsError(cause)}); DOCKER_CERT_PATH must hold ca.pem, cert.pem and key.pem.`,
        { cause },
      );
    }
  };
  const [ca, cert, key] = await Promise.all([read('ca.pem'), read('cert.pem'), read('key.pem')]);
  return { ca, cert, key };
}

/** The longest line a streaming endpoint may send: one engine event is a few KiB. */
export const MAX_STREAM_LINE_BYTES = 1024 * 1024;

/**
 * Opens a GET whose answer is read as a stream (events, image exports): resolves with the response once its
 * headers arrive with a 2xx status; a non-2xx answer is an EngineRequestError. The client's timeout bounds the
 * wait for the headers only, since the body may take long. Aborting `signal` ends the request and its body.
 */
export async function openEngineResponse(
  client: EngineClient,
  path: string,
  options: { query?: Record<string, string | number | boolean>; signal: AbortSignal; accept?: string },
): Promise<IncomingMessage> {
  const search = new URLSearchParams(
    Object.entries(options.query ?? {}).map(([key, value]): [string, string] => [key, String(value)]),
  ).toString();
  const fullPath = `/v${client.apiVersion}${path}${search === '' ? '' : `?${search}`}`;
  const { transport } = client;
  const send = transport.isTls ? httpsRequest : httpRequest;
  const accept = options.accept ?? 'application/json';
  const headerTimeout = AbortSignal.timeout(client.timeoutMs);
  const res = await new Promise<IncomingMessage>((resolve, reject) => {
    const req = send(
      {
        ...transport.connection,
        // A dedicated connection: a long-lived stream must not hold one of the keep-alive pool's sockets.
        agent: false,
        method: 'GET',
        path: fullPath,
        headers: 'socketPath' in transport.connection ? { host: 'docker', accept } : { accept },
        signal: options.signal,
      },
      resolve,
    );
    const onTimeout = () =>
      req.destroy(Object.assign(new Error(`GET ${path}: no answer`), { code: 'ETIMEDOUT' }));
    headerTimeout.addEventListener('abort', onTimeout, { once: true });
    req.once('response', () => headerTimeout.removeEventListener('abort', onTimeout));
    req.once('error', reject);
    req.end();
  });
  const status = res.statusCode ?? 0;
  if (status < 200 || status >= 300) {
    const body = await readJsonBody(res, path).catch(() => undefined);
    throw new EngineRequestError(`GET ${path}: ${engineMessage(body, status)}`, status);
  }
  return res;
}

/**
 * A streaming GET (`/events`): yields each line of the answer parsed as JSON, until the engine closes the stream
 * or the caller's signal aborts it (then it ends quietly). The client's timeout bounds the wait for the answer's
 * headers only, since the stream itself is meant to stay open. A line longer than `maxLineBytes` or one that is
 * not JSON fails the stream with an EngineRequestError.
 */
export async function* streamEngine(
  client: EngineClient,
  path: string,
  options: {
    query?: Record<string, string | number | boolean>;
    signal?: AbortSignal;
    maxLineBytes?: number;
  } = {},
): AsyncGenerator<unknown> {
  const maxLine = options.maxLineBytes ?? MAX_STREAM_LINE_BYTES;
  const controller = new AbortController();
  const onAbort = () => controller.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) controller.abort();
  try {
    let res: IncomingMessage;
    try {
      res = await openEngineResponse(client, path, {
        ...(options.query === undefined ? {} : { query: options.query }),
        signal: controller.signal,
      });
    } catch (err) {
      if (options.signal?.aborted) return;
      throw err;
    }
    const status = res.statusCode ?? 0;
    let pending = '';
    try {
      for await (const chunk of res as AsyncIterable<Buffer>) {
        pending += chunk.toString('utf8');
        let nl = pending.indexOf('\n');
        while (nl >= 0) {
          const line = pending.slice(0, nl).trim();
          pending = pending.slice(nl + 1);
          if (line !== '') yield parseStreamLine(line, path);
          nl = pending.indexOf('\n');
        }
        if (pending.length > maxLine) {
          res.destroy();
          throw new EngineRequestError(
            `GET ${path}: a streamed line is longer than ${maxLine} bytes`,
            status,
          );
        }
      }
    } catch (err) {
      if (options.signal?.aborted) return;
      throw err;
    }
    if (pending.trim() !== '') yield parseStreamLine(pending.trim(), path);
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    controller.abort();
  }
}

function parseStreamLine(line: string, path: string): unknown {
  try {
    return JSON.parse(line);
  } catch (cause) {
    throw new EngineRequestError(`GET ${path}: the engine streamed a line that is not JSON`, undefined, {
      cause,
    });
  }
}
