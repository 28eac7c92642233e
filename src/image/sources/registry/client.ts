// A small Distribution API v2 client: GET with the registry's auth (anonymous, Basic, or the Bearer token flow),
// HTTPS with the system CAs plus an optional CA file, plain HTTP only to this machine and only when asked,
// redirects followed (credentials never sent to another host), bounded bodies, and every digest verified.
import { createHash } from 'node:crypto';
import { createWriteStream, readFileSync, statSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { rootCertificates } from 'node:tls';
import { CoastguardError } from '../../../core/errors.js';
import type { Credentials } from './credentials.js';
import { isLoopbackHost } from './reference.js';

export interface RegistryClientOptions {
  readonly host: string;
  readonly repository: string;
  /** The image as the user named it, for messages. */
  readonly label: string;
  readonly credentials?: Credentials;
  /** A PEM file of extra trusted CAs (a private registry's). */
  readonly caFile?: string;
  /** Plain HTTP, allowed only when the host is loopback. */
  readonly isPlainHttp: boolean;
  readonly signal?: AbortSignal;
}

export interface FetchedJson {
  readonly value: unknown;
  readonly digest: string;
  readonly mediaType: string;
}

const TIMEOUT_MS = 30_000;
const MAX_REDIRECTS = 5;
const MAX_TOKEN_BYTES = 64 * 1024;
const MAX_CA_BYTES = 1024 * 1024;
const DIGEST = /^sha256:[a-f0-9]{64}$/;

interface Response {
  readonly status: number;
  readonly headers: IncomingMessage['headers'];
  readonly body: IncomingMessage;
}

export class RegistryClient {
  private authorization: string | undefined;
  private readonly ca: string[] | undefined;
  private readonly base: URL;

  constructor(private readonly options: RegistryClientOptions) {
    if (options.isPlainHttp && !isLoopbackHost(options.host)) {
      throw new CoastguardError(
        'BAD_USAGE',
        `Plain HTTP is allowed only to this machine (loopback), not to ${options.host}; use HTTPS (COASTGUARD_REGISTRY_CA for a private CA).`,
      );
    }
    this.base = new URL(`${options.isPlainHttp ? 'http' : 'https'}://${options.host}/`);
    this.ca = options.caFile === undefined ? undefined : [...rootCertificates, readCa(options.caFile)];
  }

  private describe(): string {
    return this.options.label;
  }

  /** A JSON document (manifest or config) of at most `maxBytes`, its digest checked when one is expected. */
  async getJson(
    path: string,
    accept: readonly string[],
    maxBytes: number,
    expected?: string,
  ): Promise<FetchedJson> {
    const response = await this.get(path, accept);
    const bytes = await readBounded(response.body, maxBytes, `${this.describe()}: ${path}`);
    const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
    // By tag there is no digest to expect but the registry's own header, when it sends one.
    const header = response.headers['docker-content-digest'];
    const claimed = expected ?? (typeof header === 'string' && DIGEST.test(header) ? header : undefined);
    if (claimed !== undefined && digest !== claimed) {
      throw new CoastguardError(
        'BAD_INPUT',
        `${this.describe()}: ${path} does not match its digest ${claimed} (got ${digest})`,
      );
    }
    let value: unknown;
    try {
      value = JSON.parse(bytes.toString('utf8'));
    } catch {
      throw new CoastguardError('BAD_INPUT', `${this.describe()}: ${path} is not JSON`);
    }
    const mediaType = String(response.headers['content-type'] ?? '').split(';')[0] ?? '';
    return { value, digest, mediaType };
  }

  /** Streams a blob to `file`, refusing more than `maxBytes` and checking its sha256 digest. */
  async download(digest: string, file: string, maxBytes: number): Promise<number> {
    const path = `/v2/${this.options.repository}/blobs/${digest}`;
    const response = await this.get(path, ['*/*']);
    const hash = createHash('sha256');
    let size = 0;
    const describe = this.describe();
    const measure = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        if (size > maxBytes) {
          done(
            new CoastguardError('BAD_INPUT', `${describe}: blob ${digest} is larger than ${maxBytes} bytes`),
          );
          return;
        }
        hash.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(response.body, measure, createWriteStream(file, { flags: 'wx', mode: 0o600 }));
    } catch (err) {
      if (err instanceof CoastguardError) throw err;
      throw new CoastguardError(
        'BAD_INPUT',
        `${describe}: blob ${digest} could not be downloaded: ${(err as Error).message}`,
        { cause: err },
      );
    }
    const actual = `sha256:${hash.digest('hex')}`;
    if (actual !== digest) {
      throw new CoastguardError(
        'BAD_INPUT',
        `${this.describe()}: blob ${digest} does not match its digest (got ${actual})`,
      );
    }
    return size;
  }

  /** GET with auth: one retry after answering the registry's challenge. */
  private async get(path: string, accept: readonly string[]): Promise<Response> {
    let response = await this.send(new URL(path, this.base), accept);
    if (response.status === 401) {
      response.body.resume();
      await this.answerChallenge(String(response.headers['www-authenticate'] ?? ''));
      response = await this.send(new URL(path, this.base), accept);
    }
    if (response.status === 200) return response;
    response.body.resume();
    throw this.statusError(response.status, path);
  }

  private statusError(status: number, path: string): CoastguardError {
    const who = this.describe();
    if (status === 401 || status === 403) {
      return new CoastguardError(
        'BAD_INPUT',
        `${who}: access denied (HTTP ${status})${this.options.credentials === undefined ? '; no credentials were given (COASTGUARD_REGISTRY_USER and COASTGUARD_REGISTRY_PASSWORD, or docker login)' : ' with the credentials given'}`,
      );
    }
    if (status === 404) {
      const what = path.includes('/manifests/') ? 'image not found in the registry' : `not found: ${path}`;
      return new CoastguardError('BAD_INPUT', `${who}: ${what}`);
    }
    return new CoastguardError('BAD_INPUT', `${who}: the registry answered HTTP ${status} for ${path}`);
  }

  private async answerChallenge(challenge: string): Promise<void> {
    const scheme = challenge.split(' ')[0]?.toLowerCase();
    const { credentials } = this.options;
    const basic =
      credentials === undefined
        ? undefined
        : `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
    if (scheme === 'basic') {
      if (basic === undefined) throw this.statusError(401, 'the registry');
      this.authorization = basic;
      return;
    }
    if (scheme !== 'bearer') {
      throw new CoastguardError(
        'BAD_INPUT',
        `${this.describe()}: unsupported authentication challenge "${scheme ?? ''}"`,
      );
    }
    const params = parseChallenge(challenge);
    const realm = params.realm;
    if (realm === undefined)
      throw new CoastguardError('BAD_INPUT', `${this.describe()}: a Bearer challenge without a realm`);
    const url = new URL(realm);
    if (
      url.protocol !== 'https:' &&
      !(url.protocol === 'http:' && this.options.isPlainHttp && isLoopbackHost(url.host))
    ) {
      throw new CoastguardError(
        'BAD_INPUT',
        `${this.describe()}: refusing a token service over ${url.protocol} (${url.host})`,
      );
    }
    if (params.service !== undefined) url.searchParams.set('service', params.service);
    url.searchParams.set('scope', params.scope ?? `repository:${this.options.repository}:pull`);
    const response = await this.send(url, ['application/json'], basic);
    if (response.status !== 200) {
      response.body.resume();
      throw this.statusError(response.status === 401 ? 401 : response.status, 'the token service');
    }
    const text = (
      await readBounded(response.body, MAX_TOKEN_BYTES, `${this.describe()}: the token`)
    ).toString('utf8');
    let body: { token?: unknown; access_token?: unknown };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      throw new CoastguardError(
        'BAD_INPUT',
        `${this.describe()}: the token service answered something not JSON`,
      );
    }
    const token = typeof body?.token === 'string' ? body.token : body?.access_token;
    if (typeof token !== 'string' || token === '') {
      throw new CoastguardError('BAD_INPUT', `${this.describe()}: the token service returned no token`);
    }
    this.authorization = `Bearer ${token}`;
  }

  /** One request, following redirects; the Authorization header goes only to the host first addressed. */
  private async send(
    url: URL,
    accept: readonly string[],
    authorization = this.authorization,
  ): Promise<Response> {
    let target = url;
    for (let hop = 0; hop <= MAX_REDIRECTS; hop += 1) {
      // The registry's own host, or the token service the request was addressed to; never a redirect's target.
      const isOwnHost = target.host === url.host;
      const response = await this.request(target, accept, isOwnHost ? authorization : undefined);
      const location = response.headers.location;
      if (response.status < 300 || response.status >= 400 || location === undefined) return response;
      response.body.resume();
      target = new URL(location, target);
      if (target.protocol !== 'https:' && !(this.options.isPlainHttp && isLoopbackHost(target.host))) {
        throw new CoastguardError(
          'BAD_INPUT',
          `${this.describe()}: refusing a redirect to ${target.protocol}//${target.host}`,
        );
      }
    }
    throw new CoastguardError('BAD_INPUT', `${this.describe()}: more than ${MAX_REDIRECTS} redirects`);
  }

  private request(url: URL, accept: readonly string[], authorization: string | undefined): Promise<Response> {
    const send = url.protocol === 'http:' ? httpRequest : httpsRequest;
    return new Promise((resolve, reject) => {
      const req = send(
        url,
        {
          method: 'GET',
          headers: { accept: accept.join(', '), ...(authorization === undefined ? {} : { authorization }) },
          timeout: TIMEOUT_MS,
          ...(this.ca === undefined ? {} : { ca: this.ca }),
          ...(this.options.signal === undefined ? {} : { signal: this.options.signal }),
        },
        (res) => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: res }),
      );
      req.on('timeout', () => req.destroy(new Error(`no answer within ${TIMEOUT_MS / 1000} s`)));
      req.on('error', (err) =>
        reject(
          new CoastguardError(
            'BAD_INPUT',
            `${this.describe()}: cannot reach ${url.host}: ${err.message.replace(/\s+/g, ' ').trim()}${connectionHint(err)}`,
            { cause: err },
          ),
        ),
      );
      req.end();
    });
  }
}

const CERTIFICATE_ERRORS = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** What the operator can do about the usual connection failures. */
function connectionHint(err: Error): string {
  const code = (err as NodeJS.ErrnoException).code ?? '';
  if (CERTIFICATE_ERRORS.has(code)) {
    return ' (the registry certificate is not trusted: COASTGUARD_REGISTRY_CA names a CA file)';
  }
  if (err.message.includes('wrong version number')) {
    return ' (the registry may speak plain HTTP: COASTGUARD_REGISTRY_INSECURE_HTTP=1, for a loopback registry only)';
  }
  return '';
}

function readCa(file: string): string {
  try {
    if (statSync(file).size > MAX_CA_BYTES) throw new Error('larger than 1 MiB');
    const pem = readFileSync(file, 'utf8');
    if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw new Error('no PEM certificate in it');
    return pem;
  } catch (err) {
    throw new CoastguardError(
      'BAD_INPUT',
      `The registry CA file ${file} cannot be used: ${(err as Error).message}`,
    );
  }
}

async function readBounded(body: IncomingMessage, maxBytes: number, what: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBytes) {
        body.destroy();
        throw new CoastguardError('BAD_INPUT', `${what} is larger than ${maxBytes} bytes`);
      }
      chunks.push(chunk);
    }
  } catch (err) {
    if (err instanceof CoastguardError) throw err;
    throw new CoastguardError('BAD_INPUT', `${what} could not be read: ${(err as Error).message}`, {
      cause: err,
    });
  }
  return Buffer.concat(chunks);
}

/** `Bearer realm="…",service="…",scope="…"` → its parameters. */
export function parseChallenge(header: string): Record<string, string | undefined> {
  const params: Record<string, string | undefined> = {};
  for (const match of header.matchAll(/([a-zA-Z_]+)="([^"]*)"/g)) {
    const [, key, value] = match;
    if (key !== undefined) params[key.toLowerCase()] = value;
  }
  return params;
}
