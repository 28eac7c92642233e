// Streamed engine answers saved to files with a byte bound: container logs (demultiplexed) and path archives.
import { createWriteStream } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { finished } from 'node:stream/promises';
import { type EngineClient, openEngineResponse } from '../../collect/docker/engine-client.js';

export interface SavedStream {
  bytes: number;
  /** The answer was longer than the bound; the file holds its first `bytes`. */
  isTruncated: boolean;
}

/** Copies `res` into `path` (owner-only), stopping at `limit` bytes; `transform` may reshape chunks first. */
async function saveBounded(
  res: IncomingMessage,
  path: string,
  limit: number,
  transform: (chunk: Buffer) => Buffer = (c) => c,
): Promise<SavedStream> {
  const out = createWriteStream(path, { flags: 'wx', mode: 0o600 });
  let bytes = 0;
  let isTruncated = false;
  try {
    for await (const raw of res as AsyncIterable<Buffer>) {
      const chunk = transform(raw);
      const room = limit - bytes;
      if (chunk.length > room) {
        if (room > 0) out.write(chunk.subarray(0, room));
        bytes = limit;
        isTruncated = true;
        break;
      }
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      bytes += chunk.length;
    }
  } finally {
    res.destroy();
    out.end();
    await finished(out);
  }
  return { bytes, isTruncated };
}

/**
 * Undoes the engine's stream multiplexing for containers without a TTY (Engine API, "Stream format"): frames of an
 * 8-byte header (stream type, 3 zero bytes, big-endian payload length) and the payload. Keeps both streams'
 * payloads in arrival order; the engine's timestamps date each line.
 */
export function createDemuxer(): (chunk: Buffer) => Buffer {
  let pending: Buffer = Buffer.alloc(0);
  return (chunk) => {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    const out: Buffer[] = [];
    while (pending.length >= 8) {
      const size = pending.readUInt32BE(4);
      if (pending.length < 8 + size) break;
      out.push(pending.subarray(8, 8 + size));
      pending = pending.subarray(8 + size);
    }
    return Buffer.concat(out);
  };
}

/** The last `tail` lines of stdout and stderr, with the engine's timestamps, at most `limit` bytes. */
export async function saveContainerLogs(
  client: EngineClient,
  id: string,
  path: string,
  options: { tail: number; limit: number; isTty: boolean; signal: AbortSignal },
): Promise<SavedStream> {
  const res = await openEngineResponse(client, `/containers/${encodeURIComponent(id)}/logs`, {
    query: { stdout: true, stderr: true, timestamps: true, tail: options.tail },
    signal: options.signal,
    accept: 'application/octet-stream',
  });
  return saveBounded(res, path, options.limit, options.isTty ? undefined : createDemuxer());
}

/** A tar of `containerPath` from the container's filesystem (GET /containers/{id}/archive), at most `limit` bytes. */
export async function saveContainerPath(
  client: EngineClient,
  id: string,
  containerPath: string,
  path: string,
  options: { limit: number; signal: AbortSignal },
): Promise<SavedStream> {
  const res = await openEngineResponse(client, `/containers/${encodeURIComponent(id)}/archive`, {
    query: { path: containerPath },
    signal: options.signal,
    accept: 'application/x-tar',
  });
  return saveBounded(res, path, options.limit);
}
