// The trail id: a random id made once per Coastguard home and kept in $COASTGUARD_HOME/audit-trail-id, so event
// ids (`<trail id>:<seq>`) stay unique across hosts and stable across restarts, key rotations and re-exports.
import { randomUUID } from 'node:crypto';
import { link, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { CoastguardError } from '../../core/errors.js';
import { readFileBounded, syncDir, writeFileAtomic } from './atomic-file.js';

export const TRAIL_ID_FILE = 'audit-trail-id';
const TRAIL_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export async function loadOrCreateTrailId(home: string): Promise<string> {
  const file = join(home, TRAIL_ID_FILE);
  const existing = await readTrailId(file);
  if (existing !== undefined) return existing;
  await mkdir(home, { recursive: true, mode: 0o700 });
  // Written aside, then hard-linked into place: link fails if another process won the race, and then its id holds.
  const candidate = `${file}.${process.pid}.new`;
  await writeFileAtomic(candidate, `${randomUUID()}\n`);
  try {
    await link(candidate, file);
    await syncDir(home);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    await rm(candidate, { force: true });
  }
  const id = await readTrailId(file);
  if (id === undefined) throw new CoastguardError('STORE_ERROR', `Could not create the trail id ${file}.`);
  return id;
}

async function readTrailId(file: string): Promise<string | undefined> {
  const bytes = await readFileBounded(file, 256);
  if (bytes === undefined) return undefined;
  const id = bytes.toString('utf8').trim();
  if (!TRAIL_ID.test(id)) {
    throw new CoastguardError(
      'BAD_INPUT',
      `The trail id file ${file} is damaged (expected one UUID); event ids depend on it, so restore it rather than delete it.`,
    );
  }
  return id;
}
