// `coastguard audit verify` on the store: a long trail is split into seq ranges verified at once, one on this thread
// and the others on worker threads (each reads its own range), then joined: every range's inside, each range's
// first prevHash against the hash its predecessor ends with, and the checkpoints. The verdict is the same as a
// single walk's: the earliest break by seq.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  type AuditPublicKey,
  checkCheckpoints,
  joinRanges,
  type RangeVerdict,
  readStoredPages,
  type TrailVerdict,
  verifyRange,
} from '../audit/index.js';
import { CoastguardError } from '../core/errors.js';
import type { Store } from '../store/index.js';
import type { RangeTask } from './audit-verify-worker.js';

export interface AuditVerifyOptions {
  home: string;
  from?: number;
  publicKey?: AuditPublicKey;
  /** Ranges verified at once (default: the machine's parallelism, at most 8). */
  parallelism?: number;
}

/** Below this many entries per range, starting a worker (and its store) costs more than it saves. */
const MIN_ENTRIES_PER_RANGE = 25_000;
const MAX_PARALLELISM = 8;

/** The worker's file beside this module's (both under dist/, or both in the bundle); absent when run from source. */
const WORKER = new URL('./audit-verify-worker.js', import.meta.url);

function runWorker(task: RangeTask): Promise<RangeVerdict> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { workerData: task });
    let verdict: RangeVerdict | undefined;
    worker.once('message', (message: RangeVerdict) => {
      verdict = message;
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (verdict !== undefined) resolve(verdict);
      else
        reject(new Error(`the worker verifying entries ${task.from} to ${task.to} stopped (exit ${code})`));
    });
  });
}

export async function verifyAuditStore(store: Store, options: AuditVerifyOptions): Promise<TrailVerdict> {
  const from = options.from ?? 1;
  const head = (await store.audit.head())?.seq ?? 0;
  const checkpoints = checkCheckpoints(
    await store.audit.listCheckpoints({ fromSeq: from }),
    options.publicKey,
    from,
  );
  const total = Math.max(0, head - from + 1);
  const wanted = Math.min(options.parallelism ?? availableParallelism(), MAX_PARALLELISM);
  const parts = existsSync(fileURLToPath(WORKER))
    ? Math.max(1, Math.min(wanted, Math.floor(total / MIN_ENTRIES_PER_RANGE)))
    : 1;
  const size = Math.ceil(total / parts);
  const bounds = Array.from({ length: parts }, (_, i) => ({
    from: from + i * size,
    to: Math.min(head, from + (i + 1) * size - 1),
  }));
  const hashesIn = (range: { from: number; to: number }): [number, string][] =>
    [...checkpoints.hashes].filter(([seq]) => seq >= range.from && seq <= range.to);
  const [own, ...others] = bounds;
  const stopAt = checkpoints.failures[0]?.seq;
  try {
    const ranges = await Promise.all([
      verifyRange(readStoredPages(store, { from }), {
        from,
        ...(parts > 1 && own !== undefined ? { to: own.to } : {}),
        checkpointHashes: checkpoints.hashes,
        ...(stopAt === undefined ? {} : { stopAt }),
      }),
      ...others.map((range) =>
        runWorker({ home: options.home, ...range, checkpointHashes: hashesIn(range) }),
      ),
    ]);
    return joinRanges(ranges, checkpoints, from);
  } catch (err) {
    if (err instanceof CoastguardError) throw err;
    throw new CoastguardError('INTERNAL', `Verifying the audit trail failed: ${(err as Error).message}`, {
      cause: err,
    });
  }
}
