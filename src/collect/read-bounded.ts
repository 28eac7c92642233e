// Reads a file the collector does not control with a size bound: a larger file is refused, never truncated or
// read whole into memory.
import { closeSync, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';

/** Error for a file past the bound; `code` mirrors errno's EFBIG so callers can treat it like other fs errors. */
export class FileTooLargeError extends Error {
  readonly code = 'EFBIG';
  constructor(
    readonly path: string,
    readonly limit: number,
  ) {
    super(`${path} is larger than ${limit} bytes`);
    this.name = 'FileTooLargeError';
  }
}

/** At most `limit` bytes of `path`; fs errors (ENOENT, EACCES…) are thrown as they come. */
export async function readBounded(path: string, limit: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(limit + 1);
    let size = 0;
    while (size <= limit) {
      const { bytesRead } = await handle.read(buffer, size, limit + 1 - size, null);
      if (bytesRead === 0) break;
      size += bytesRead;
    }
    if (size > limit) throw new FileTooLargeError(path, limit);
    return buffer.subarray(0, size);
  } finally {
    await handle.close();
  }
}

/**
 * The synchronous twin, for procfs only: its files are generated in memory, so a read never waits on a disk, and
 * hundreds of them (one per process) read an order of magnitude faster without a round trip through the thread pool.
 */
export function readBoundedSync(path: string, limit: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(limit + 1);
    let size = 0;
    while (size <= limit) {
      const bytesRead = readSync(fd, buffer, size, limit + 1 - size, null);
      if (bytesRead === 0) break;
      size += bytesRead;
    }
    if (size > limit) throw new FileTooLargeError(path, limit);
    return buffer.subarray(0, size);
  } finally {
    closeSync(fd);
  }
}

/** The errno code of an fs error, or the message when there is none: for notes that name the problem briefly. */
export function describeFsError(err: unknown): string {
  if (err instanceof FileTooLargeError) return err.message;
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  if (code === 'ENOENT') return 'does not exist';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (typeof code === 'string') return code;
  return err instanceof Error ? err.message : String(err);
}
