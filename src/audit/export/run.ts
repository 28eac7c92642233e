// `coastguard audit forward` and `audit status` without the CLI: every enabled destination gets its own
// forwarder (its own lock, cursor and spool), so a destination that is down never holds the others back.
import { hostname as osHostname } from 'node:os';
import type { AuditStore } from '../../core/audit/audit-repository.js';
import { sleep } from './backoff.js';
import type { ExportersConfig } from './config.js';
import { Forwarder, type PassResult } from './forwarder.js';
import { createDestination } from './index.js';
import { Spool } from './spool.js';
import { type DestinationStatus, destinationDir, lockDestination, readCursor, readStatus } from './state.js';
import { loadOrCreateTrailId } from './trail-id.js';

export interface ForwardRun {
  readonly home: string;
  readonly store: AuditStore;
  readonly config: ExportersConfig;
  /** One pass per destination, then return; otherwise run until `signal` aborts. */
  readonly once: boolean;
  readonly signal: AbortSignal;
  readonly log: (line: string) => void;
  readonly env?: NodeJS.ProcessEnv;
  readonly hostname?: string;
  readonly random?: () => number;
}

/** Runs the enabled destinations; returns each one's totals (of the last pass when `once`). */
export async function forwardAudit(run: ForwardRun): Promise<Map<string, PassResult>> {
  const trailId = await loadOrCreateTrailId(run.home);
  const context = { env: run.env ?? process.env, hostname: run.hostname ?? osHostname() };
  const enabled = run.config.destinations.filter((d) => d.enabled);
  const unlocks: (() => Promise<void>)[] = [];
  const results = new Map<string, PassResult>();
  try {
    const forwarders: Forwarder[] = [];
    for (const config of enabled) {
      const dir = destinationDir(run.home, config.name);
      unlocks.push(await lockDestination(dir, config.name));
      const destination = createDestination(config, context);
      forwarders.push(
        new Forwarder({
          dir,
          store: run.store,
          trailId,
          config,
          destination,
          log: run.log,
          ...(run.random === undefined ? {} : { random: run.random }),
        }),
      );
    }
    await Promise.all(
      forwarders.map(async (forwarder) => {
        const total: PassResult = { delivered: 0, parked: 0, quarantined: 0, caughtUp: false };
        results.set(forwarder.name, total);
        do {
          const pass = await forwarder.pass(run.signal);
          total.delivered += pass.delivered;
          total.parked += pass.parked;
          total.quarantined += pass.quarantined;
          total.caughtUp = pass.caughtUp;
          if (pass.blocked === undefined) delete total.blocked;
          else total.blocked = pass.blocked;
          if (run.once) break;
          if (pass.caughtUp || pass.blocked !== undefined)
            await sleep(run.config.pollSeconds * 1000, run.signal);
        } while (!run.signal.aborted);
      }),
    );
  } finally {
    for (const unlock of unlocks) await unlock();
  }
  return results;
}

export interface DestinationReport extends DestinationStatus {
  readonly name: string;
  readonly kind: string;
  readonly enabled: boolean;
  readonly cursor: number;
  /** Entries in the trail past the cursor (not yet read into the spool). */
  readonly lag: number;
  /** Batches waiting in the spool, refused for good (failed/), and damaged (quarantine/). */
  readonly spooled: number;
  readonly failed: number;
  readonly quarantined: number;
}

export async function exportStatus(
  home: string,
  store: AuditStore,
  config: ExportersConfig,
): Promise<DestinationReport[]> {
  const head = (await store.audit.head())?.seq ?? 0;
  const reports: DestinationReport[] = [];
  for (const destination of config.destinations) {
    const dir = destinationDir(home, destination.name);
    const spool = new Spool(dir);
    const cursor = await readCursor(dir);
    reports.push({
      ...(await readStatus(dir)),
      name: destination.name,
      kind: destination.kind,
      enabled: destination.enabled,
      cursor,
      lag: Math.max(head - cursor, 0),
      spooled: await spool.count('spool'),
      failed: await spool.count('failed'),
      quarantined: await spool.count('quarantine'),
    });
  }
  return reports;
}
