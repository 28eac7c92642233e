// Per-destination state under $COASTGUARD_HOME/export/NAME/: the cursor (last seq read from the trail and safely
// spooled), the status shown by `coastguard audit status`, and a lock so one forwarder runs per destination.
import { mkdir, open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { CoastguardError } from '../../core/errors.js';
import { readFileBounded, writeFileAtomic } from './atomic-file.js';

export function destinationDir(home: string, name: string): string {
  return join(home, 'export', name);
}

const Cursor = z.strictObject({ seq: z.number().int().min(0) });

/** 0 when the destination has never read anything. A damaged cursor stops the forwarder rather than guessing. */
export async function readCursor(dir: string): Promise<number> {
  const file = join(dir, 'cursor.json');
  const bytes = await readFileBounded(file, 4096);
  if (bytes === undefined) return 0;
  try {
    return Cursor.parse(JSON.parse(bytes.toString('utf8'))).seq;
  } catch {
    throw new CoastguardError(
      'BAD_INPUT',
      `The export cursor ${file} is damaged. Write {"seq": N} with the last seq the destination has (0 resends everything).`,
    );
  }
}

export async function writeCursor(dir: string, seq: number): Promise<void> {
  await writeFileAtomic(join(dir, 'cursor.json'), `${JSON.stringify({ seq })}\n`);
}

export const DestinationStatus = z.object({
  lastSuccessAt: z.string().optional(),
  lastDeliveredSeq: z.number().optional(),
  lastErrorAt: z.string().optional(),
  lastError: z.string().optional(),
  /** Failed attempts of the batch now at the front of the spool; 0 once it went through. */
  retriesPending: z.number().default(0),
  delivered: z.number().default(0),
  lastFailed: z.string().optional(),
  lastQuarantine: z.string().optional(),
});
export type DestinationStatus = z.infer<typeof DestinationStatus>;

/** The status file is advisory: a damaged one reads as empty (the cursor and spool are the truth). */
export async function readStatus(dir: string): Promise<DestinationStatus> {
  const bytes = await readFileBounded(join(dir, 'status.json'), 1024 * 1024).catch(() => undefined);
  if (bytes === undefined) return DestinationStatus.parse({});
  try {
    return DestinationStatus.parse(JSON.parse(bytes.toString('utf8')));
  } catch {
    return DestinationStatus.parse({});
  }
}

export async function writeStatus(dir: string, status: DestinationStatus): Promise<void> {
  await writeFileAtomic(join(dir, 'status.json'), `${JSON.stringify(status, null, 2)}\n`);
}

/**
 * One forwarder per destination: a lock file holding the owner's pid. A lock left by a process that no longer
 * exists (killed with -9) is taken over.
 */
export async function lockDestination(dir: string, name: string): Promise<() => Promise<void>> {
  const file = join(dir, 'forward.lock');
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const handle = await open(file, 'wx', 0o600);
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => rm(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number((await readFileBounded(file, 64))?.toString('utf8') ?? 'NaN');
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) {
        throw new CoastguardError(
          'BAD_USAGE',
          `Another coastguard audit forward (pid ${owner}) is delivering to ${name}; stop it first.`,
        );
      }
      await rm(file, { force: true });
    }
  }
  throw new CoastguardError('INTERNAL', `Could not lock ${file}.`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
