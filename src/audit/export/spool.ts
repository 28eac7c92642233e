// The on-disk spool of one destination: each batch read past the cursor is formatted and written here before it
// is sent, and removed once the destination acknowledges it. Files are named by the seqs they hold, so they
// replay in order after a restart, and a damaged file still says which entries to read again from the trail.
//
//   export/NAME/spool/000000000001-000000000100.json    waiting (or being retried)
//   export/NAME/failed/…                                refused for good (a non-retryable error); kept for an operator
//   export/NAME/quarantine/…                            unreadable (bad JSON, wrong checksum); its entries are re-read
import { createHash } from 'node:crypto';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { readFileBounded, syncDir, writeFileAtomic } from './atomic-file.js';
import type { DeliveryEvent } from './destination.js';

export const SPOOL_FORMAT = 'coastguard-export-spool';
/** A batch is at most 1,000 entries of at most 64 KiB data each, formatted; anything larger was not written by us. */
export const MAX_SPOOL_FILE_BYTES = 160 * 1024 * 1024;
const NAME = /^(\d{12})-(\d{12})\.json$/;

export interface SpoolBatch {
  readonly file: string;
  readonly firstSeq: number;
  readonly lastSeq: number;
  readonly events: readonly DeliveryEvent[];
}

/** A spool file that could not be read back: where it went and why. */
export interface SpoolDamage {
  readonly file: string;
  readonly movedTo: string;
  readonly reason: string;
  /** The seqs it held, from its name; undefined when even the name is not ours. */
  readonly range?: { readonly firstSeq: number; readonly lastSeq: number };
}

const SpoolEvent = z.object({
  id: z.string().min(1),
  seq: z.number().int().positive(),
  time: z.string(),
  action: z.string(),
  severity: z.enum(['info', 'low', 'medium', 'high', 'critical']).optional(),
  body: z.record(z.string(), z.unknown()),
});

const SpoolFile = z.object({
  format: z.literal(SPOOL_FORMAT),
  version: z.literal(1),
  firstSeq: z.number().int().positive(),
  lastSeq: z.number().int().positive(),
  checksum: z.string(),
  events: z.array(z.unknown()),
});

export function spoolChecksum(events: readonly DeliveryEvent[] | readonly unknown[]): string {
  return `sha256:${createHash('sha256').update(JSON.stringify(events)).digest('hex')}`;
}

export function spoolFileName(firstSeq: number, lastSeq: number): string {
  return `${String(firstSeq).padStart(12, '0')}-${String(lastSeq).padStart(12, '0')}.json`;
}

export class Spool {
  readonly spoolDir: string;
  readonly failedDir: string;
  readonly quarantineDir: string;

  constructor(readonly dir: string) {
    this.spoolDir = join(dir, 'spool');
    this.failedDir = join(dir, 'failed');
    this.quarantineDir = join(dir, 'quarantine');
  }

  /** Writes a batch durably (the cursor moves past it only afterwards). `firstSeq..lastSeq` is the trail range read. */
  async write(firstSeq: number, lastSeq: number, events: readonly DeliveryEvent[]): Promise<SpoolBatch> {
    const file = join(this.spoolDir, spoolFileName(firstSeq, lastSeq));
    const content = {
      format: SPOOL_FORMAT,
      version: 1,
      firstSeq,
      lastSeq,
      checksum: spoolChecksum(events),
      events,
    };
    await writeFileAtomic(file, `${JSON.stringify(content)}\n`);
    return { file, firstSeq, lastSeq, events };
  }

  /** Spool file names in seq order (temp files of an interrupted write are not listed). */
  async list(): Promise<string[]> {
    return (await listDir(this.spoolDir)).filter((n) => !n.startsWith('.')).sort();
  }

  async count(folder: 'spool' | 'failed' | 'quarantine'): Promise<number> {
    const dir = { spool: this.spoolDir, failed: this.failedDir, quarantine: this.quarantineDir }[folder];
    return (await listDir(dir)).filter((n) => !n.startsWith('.')).length;
  }

  /** Reads one spool file back; a damaged one is moved to quarantine/ and described instead. */
  async read(name: string): Promise<SpoolBatch | SpoolDamage> {
    const file = join(this.spoolDir, name);
    const match = NAME.exec(name);
    const range = match ? { firstSeq: Number(match[1]), lastSeq: Number(match[2]) } : undefined;
    const reason = await this.check(file, range).then(
      (batch) => batch,
      (err: unknown) => (err instanceof Error ? err.message : String(err)),
    );
    if (typeof reason !== 'string') return reason;
    const movedTo = await this.moveTo(file, this.quarantineDir, name);
    return range === undefined ? { file, movedTo, reason } : { file, movedTo, reason, range };
  }

  private async check(
    file: string,
    range: { firstSeq: number; lastSeq: number } | undefined,
  ): Promise<SpoolBatch> {
    if (range === undefined) throw new Error('the file name is not a spool range (FIRST-LAST.json)');
    const bytes = await readFileBounded(file, MAX_SPOOL_FILE_BYTES);
    if (bytes === undefined) throw new Error('the file disappeared');
    let json: unknown;
    try {
      json = JSON.parse(bytes.toString('utf8'));
    } catch (err) {
      throw new Error(`not JSON (${err instanceof Error ? err.message : String(err)})`);
    }
    const parsed = SpoolFile.safeParse(json);
    if (!parsed.success)
      throw new Error(`not a spool file (${parsed.error.issues[0]?.message ?? 'invalid'})`);
    const content = parsed.data;
    if (content.firstSeq !== range.firstSeq || content.lastSeq !== range.lastSeq) {
      throw new Error('its seq range does not match its name');
    }
    if (spoolChecksum(content.events) !== content.checksum) throw new Error('wrong checksum');
    const events: DeliveryEvent[] = [];
    for (const event of content.events) {
      const checked = SpoolEvent.safeParse(event);
      if (!checked.success) throw new Error('an event is malformed');
      events.push(checked.data as DeliveryEvent);
    }
    return { file, firstSeq: range.firstSeq, lastSeq: range.lastSeq, events };
  }

  /** Acknowledged: gone. */
  async remove(batch: SpoolBatch): Promise<void> {
    await rm(batch.file, { force: true });
  }

  /** Refused for good: kept in failed/ for an operator, out of the way of the batches behind it. */
  async park(batch: SpoolBatch): Promise<string> {
    return this.moveTo(batch.file, this.failedDir, spoolFileName(batch.firstSeq, batch.lastSeq));
  }

  private async moveTo(file: string, dir: string, name: string): Promise<string> {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    // A timestamp keeps an earlier file of the same range (parked before, re-read since) from being overwritten.
    const target = join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${name}`);
    await rename(file, target);
    await syncDir(dir);
    return target;
  }
}

async function listDir(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}
