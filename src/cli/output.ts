// Report destinations: stdout, or a file written whole or not at all (temp file + rename, so a failure mid-write
// never leaves a truncated report where the last good one was).
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, unlink } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { CoastguardError } from '../core/errors.js';

export async function writeOutput(
  path: string | undefined,
  write: (out: Writable) => Promise<void>,
): Promise<void> {
  if (path === undefined || path === '-') {
    await write(process.stdout);
    return;
  }
  const target = resolve(path);
  const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await mkdir(dirname(target), { recursive: true });
    const stream = createWriteStream(temp, { mode: 0o600 });
    const opened = new Promise<void>((ok, fail) => {
      stream.once('open', () => ok());
      stream.once('error', fail);
    });
    await opened;
    await write(stream);
    stream.end();
    await finished(stream);
    await rename(temp, target);
  } catch (err) {
    await unlink(temp).catch(() => undefined);
    if (err instanceof CoastguardError) throw err;
    const reason = err instanceof Error ? err.message : String(err);
    throw new CoastguardError('BAD_INPUT', `Cannot write the report to ${target}: ${reason}`, { cause: err });
  }
}
