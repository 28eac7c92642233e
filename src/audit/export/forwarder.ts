// The delivery loop of one destination, the same for every kind:
//
//   1. replay the spool, oldest first: each batch is sent until the destination takes it (then removed), refuses
//      it for good (then parked in failed/) or keeps failing (the pass stops; the batch stays for the next pass);
//   2. once the spool is empty, read the next entries past the cursor, keep those the filter wants, format them
//      in the destination's schema, write them as one spool file, and only then move the cursor past them.
//
// A crash anywhere leaves either entries not yet past the cursor (read again) or a spool file (sent again): every
// entry is delivered at least once, and its event id lets the receiver drop the repeats.
import { toAuditEntry } from '../../core/audit/audit-entry.js';
import type { AuditStore } from '../../core/audit/audit-repository.js';
import { type BackoffPolicy, backoffDelay, sleep } from './backoff.js';
import type { CommonDestinationConfig } from './common-config.js';
import { DeliveryError, type Destination } from './destination.js';
import { toDeliveryEvent } from './event.js';
import { compileFilter } from './filter.js';
import { eventSchemas } from './schema/index.js';
import { Spool, type SpoolBatch, type SpoolDamage } from './spool.js';
import { type DestinationStatus, readCursor, readStatus, writeCursor, writeStatus } from './state.js';

export interface ForwarderOptions {
  readonly dir: string;
  readonly store: AuditStore;
  readonly trailId: string;
  readonly config: CommonDestinationConfig;
  readonly destination: Destination;
  /** Progress and problems, one line each (the CLI prints them on stderr). */
  readonly log: (line: string) => void;
  readonly random?: () => number;
}

export interface PassResult {
  /** Events the destination took in this pass. */
  delivered: number;
  parked: number;
  quarantined: number;
  /** The trail was read to its head and the spool is empty. */
  caughtUp: boolean;
  /** Why the pass stopped early (a batch still failing after its attempts, a damaged entry). */
  blocked?: string;
}

type Outcome = 'delivered' | 'parked' | 'blocked';

export class Forwarder {
  private readonly spool: Spool;
  private readonly accepts: ReturnType<typeof compileFilter>;
  private readonly retry: BackoffPolicy & { attempts: number };
  private status: DestinationStatus | undefined;

  constructor(private readonly options: ForwarderOptions) {
    this.spool = new Spool(options.dir);
    this.accepts = compileFilter(options.config.filter);
    this.retry = options.config.retry;
  }

  get name(): string {
    return this.options.config.name;
  }

  /** One pass: drain the spool, then read and send until caught up, blocked, or `signal` aborts. */
  async pass(signal: AbortSignal): Promise<PassResult> {
    this.status ??= await readStatus(this.options.dir);
    const result: PassResult = { delivered: 0, parked: 0, quarantined: 0, caughtUp: false };
    while (!signal.aborted) {
      for (const name of await this.spool.list()) {
        if (signal.aborted) return result;
        const batch = await this.spool.read(name);
        if (!('events' in batch)) {
          await this.quarantined(batch);
          result.quarantined += 1;
          continue;
        }
        const outcome = await this.send(batch, signal);
        if (outcome === 'blocked') {
          result.blocked = this.status.lastError ?? 'delivery failing';
          return result;
        }
        if (outcome === 'parked') result.parked += 1;
        else result.delivered += batch.events.length;
      }
      if (signal.aborted) return result;
      const read = await this.spoolNext();
      if (read === 'caught-up') {
        result.caughtUp = (await this.spool.list()).length === 0;
        return result;
      }
      if (typeof read === 'object') {
        result.blocked = read.blocked;
        return result;
      }
    }
    return result;
  }

  /** Reads the next batch past the cursor into the spool; 'caught-up' when there is nothing past it. */
  private async spoolNext(): Promise<'spooled' | 'caught-up' | { blocked: string }> {
    const { store, config, trailId, dir } = this.options;
    const cursor = await readCursor(dir);
    const stored = await store.audit.list({ afterSeq: cursor, limit: config.batchSize });
    const last = stored.at(-1);
    if (last === undefined) return 'caught-up';
    const schema = eventSchemas[config.schema];
    const events = [];
    for (const row of stored) {
      const entry = toAuditEntry(row);
      if (entry === undefined) {
        // Never skipped: a damaged entry is for `coastguard audit verify` and a person, not for the exporter to drop.
        const blocked = `audit entry ${row.seq} is damaged (its data is not a JSON object); run coastguard audit verify`;
        await this.updateStatus({ lastErrorAt: new Date().toISOString(), lastError: blocked });
        this.options.log(`${this.name}: ${blocked}`);
        return { blocked };
      }
      if (this.accepts(entry)) events.push(toDeliveryEvent(entry, trailId, schema));
    }
    if (events.length > 0) await this.spool.write(cursor + 1, last.seq, events);
    await writeCursor(dir, last.seq);
    return 'spooled';
  }

  private async send(batch: SpoolBatch, signal: AbortSignal): Promise<Outcome> {
    const { destination, config, log } = this.options;
    for (let attempt = 1; ; attempt += 1) {
      const timeout = AbortSignal.timeout(config.timeoutSeconds * 1000);
      try {
        await destination.deliver(batch.events, AbortSignal.any([signal, timeout]));
        await this.spool.remove(batch);
        await this.updateStatus({
          lastSuccessAt: new Date().toISOString(),
          lastDeliveredSeq: batch.lastSeq,
          retriesPending: 0,
          delivered: (this.status?.delivered ?? 0) + batch.events.length,
        });
        log(`${this.name}: delivered ${batch.events.length} events (seq ${batch.firstSeq}–${batch.lastSeq})`);
        return 'delivered';
      } catch (err) {
        const failure =
          err instanceof DeliveryError
            ? err
            : new DeliveryError(
                `unexpected error: ${err instanceof Error ? err.message : String(err)}`,
                true,
              );
        const now = new Date().toISOString();
        if (!failure.retryable) {
          const movedTo = await this.spool.park(batch);
          const message = `refused seq ${batch.firstSeq}–${batch.lastSeq} for good (${failure.message}); parked in ${movedTo}`;
          await this.updateStatus({
            lastErrorAt: now,
            lastError: failure.message,
            lastFailed: message,
            retriesPending: 0,
          });
          log(`${this.name}: ${message}`);
          return 'parked';
        }
        const failures = (this.status?.retriesPending ?? 0) + 1;
        await this.updateStatus({ lastErrorAt: now, lastError: failure.message, retriesPending: failures });
        if (attempt >= this.retry.attempts || signal.aborted) {
          log(
            `${this.name}: ${failure.message}; ${batch.events.length} events stay spooled for the next pass`,
          );
          return 'blocked';
        }
        const wait = backoffDelay(failures, this.retry, this.options.random);
        log(`${this.name}: ${failure.message}; retry ${failures} in ${wait} ms`);
        await sleep(wait, signal);
      }
    }
  }

  /** A damaged spool file is out of the way in quarantine/; moving the cursor back re-reads its entries. */
  private async quarantined(damage: SpoolDamage): Promise<void> {
    let message = `spool file ${damage.file} is damaged (${damage.reason}); moved to ${damage.movedTo}`;
    if (damage.range !== undefined) {
      const cursor = await readCursor(this.options.dir);
      const rewound = Math.min(cursor, damage.range.firstSeq - 1);
      await writeCursor(this.options.dir, rewound);
      message += `; entries ${damage.range.firstSeq}–${damage.range.lastSeq} will be read again from the trail`;
    }
    await this.updateStatus({ lastQuarantine: `${new Date().toISOString()} ${message}` });
    this.options.log(`${this.name}: ${message}`);
  }

  private async updateStatus(change: Partial<DestinationStatus>): Promise<void> {
    this.status = { ...(this.status ?? (await readStatus(this.options.dir))), ...change };
    await writeStatus(this.options.dir, this.status);
  }
}
