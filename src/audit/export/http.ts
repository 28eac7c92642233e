// HTTP(S) requests of the HTTP destinations (webhook, Splunk HEC, chat, Jira, ServiceNow): bounded answers, a CA
// file for private PKIs, errors that never carry credentials, and the one rule for what is worth retrying.
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import { DeliveryError } from './destination.js';
import { redact } from './secret.js';

/** Enough to read an error or a small JSON answer; the rest is drained unread. */
const MAX_RESPONSE_BYTES = 64 * 1024;

export interface HttpAnswer {
  readonly status: number;
  readonly text: string;
  readonly headers: http.IncomingHttpHeaders;
}

export interface HttpCall {
  readonly method: 'GET' | 'POST';
  readonly url: URL;
  readonly headers?: Record<string, string>;
  readonly body?: string;
  readonly ca?: Buffer;
  readonly signal: AbortSignal;
  /** Values to strip from any error message (tokens, passwords). */
  readonly secrets: readonly string[];
}

/** 408, 425, 429 and 5xx may pass later; any other failure will not improve by retrying. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500;
}

/** Where a request went, without the query or user info (either may carry a token). */
export function displayUrl(url: URL): string {
  return `${url.origin}${url.pathname}`;
}

export async function readCa(file: string | undefined): Promise<Buffer | undefined> {
  if (file === undefined) return undefined;
  try {
    return await readFile(file);
  } catch (err) {
    throw new DeliveryError(
      `cannot read the CA file ${file} (${(err as NodeJS.ErrnoException).code})`,
      false,
    );
  }
}

function describe(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  const message = err instanceof Error ? err.message : String(err);
  return code === undefined ? message : `${code} ${message}`;
}

/** The answer whatever its status; a failure to get one at all is a retryable DeliveryError. */
export function request(call: HttpCall): Promise<HttpAnswer> {
  const body = call.body === undefined ? undefined : Buffer.from(call.body);
  const headers = {
    'user-agent': 'coastguard-audit-export',
    ...(body === undefined ? {} : { 'content-length': String(body.length) }),
    ...call.headers,
  };
  return new Promise<HttpAnswer>((resolve, reject) => {
    const transport = call.url.protocol === 'https:' ? https : http;
    const req = transport.request(
      call.url,
      {
        method: call.method,
        headers,
        signal: call.signal,
        ...(call.ca === undefined ? {} : { ca: call.ca }),
      },
      (response) => {
        const chunks: Buffer[] = [];
        let length = 0;
        response.on('data', (chunk: Buffer) => {
          if (length < MAX_RESPONSE_BYTES) chunks.push(chunk);
          length += chunk.length;
        });
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            text: Buffer.concat(chunks).subarray(0, MAX_RESPONSE_BYTES).toString('utf8'),
            headers: response.headers,
          }),
        );
        response.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  }).catch((err: unknown) => {
    const reason = call.signal.aborted ? 'timed out' : describe(err);
    throw new DeliveryError(
      redact(`${call.method} ${displayUrl(call.url)} failed: ${reason}`, call.secrets),
      true,
    );
  });
}

/** A DeliveryError for an answer that is not a success: retryable or not by its status, credentials redacted. */
export function answerError(
  call: Pick<HttpCall, 'method' | 'url' | 'secrets'>,
  answer: HttpAnswer,
): DeliveryError {
  const excerpt = answer.text.replace(/\s+/g, ' ').trim().slice(0, 200);
  return new DeliveryError(
    redact(
      `${call.method} ${displayUrl(call.url)} answered ${answer.status}${excerpt === '' ? '' : `: ${excerpt}`}`,
      call.secrets,
    ),
    isRetryableStatus(answer.status),
  );
}

/** The answer's JSON; an answer that is not JSON is a retryable DeliveryError (a proxy's error page, a glitch). */
export function jsonOf(call: Pick<HttpCall, 'method' | 'url'>, answer: HttpAnswer): Record<string, unknown> {
  try {
    const value = JSON.parse(answer.text) as unknown;
    if (typeof value === 'object' && value !== null && !Array.isArray(value))
      return value as Record<string, unknown>;
  } catch {
    // Reported below with the excerpt.
  }
  throw new DeliveryError(
    `${call.method} ${displayUrl(call.url)} answered ${answer.status} with something that is not a JSON object: ` +
      answer.text.replace(/\s+/g, ' ').trim().slice(0, 100),
    true,
  );
}
