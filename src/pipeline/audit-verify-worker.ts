// A worker thread of `coastguard audit verify`: verifies one seq range of the trail from its own read-only view of
// the store and posts the range's verdict (see audit-verify.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { readStoredPages, verifyRange } from '../audit/index.js';
import { openStore } from '../store/index.js';

export interface RangeTask {
  home: string;
  from: number;
  to: number;
  checkpointHashes: [number, string][];
}

const task = workerData as RangeTask;
const store = await openStore({ home: task.home });
try {
  const verdict = await verifyRange(readStoredPages(store, { from: task.from }), {
    from: task.from,
    to: task.to,
    checkpointHashes: new Map(task.checkpointHashes),
  });
  parentPort?.postMessage(verdict);
} finally {
  await store.close();
}
