// The host scan: collect → evaluate → record. The only place these stages are chained (CLI, server and agent share it).
import { randomUUID } from 'node:crypto';
import { recordAssessmentAudit } from '../audit/index.js';
import { runChecks } from '../checks/index.js';
import { collectSnapshot } from '../collect/index.js';
import type { Assessment } from '../core/assessment.js';
import type { CollectProgress } from '../core/collector.js';
import type { Snapshot } from '../core/inventory/snapshot.js';
import { type CheckResult, countStatuses } from '../core/result/check-result.js';
import { openStore, type Store } from '../store/index.js';
import { assessRunningImages } from './assess-running-images.js';
import { loadImagePolicy } from './image-policy.js';
import { TOOL } from './tool-version.js';

export interface AssessHostOptions {
  home: string;
  /** Store the assessment and compare it with the previous one (default true). */
  isRecorded?: boolean;
  progress?: CollectProgress;
  signal?: AbortSignal;
  /** Who the audit trail names as recording the assessment (default: the local user@host). */
  actor?: string;
  /** Scan the images of running containers (default true). */
  isImageScanWanted?: boolean;
  /** Where coastguard.yaml (its imagePolicy) is looked for: --config, else ./ (cwd), else the home. */
  configFile?: string;
  cwd?: string;
}

/** The image step needs the store for its kept scans; an unrecorded scan opens it just for that. */
async function scanRunningImages(
  snapshot: Snapshot,
  store: Store | undefined,
  options: AssessHostOptions,
): Promise<CheckResult[]> {
  const policy = await loadImagePolicy({
    explicit: options.configFile,
    cwd: options.cwd ?? process.cwd(),
    home: options.home,
  });
  const images = store ?? (await openStore({ home: options.home }));
  try {
    return await assessRunningImages(snapshot, {
      home: options.home,
      store: images,
      ...(policy === undefined ? {} : { policy }),
      ...(options.progress === undefined ? {} : { progress: options.progress }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
  } finally {
    if (store === undefined) await images.close();
  }
}

export async function assessHost(options: AssessHostOptions): Promise<Assessment> {
  // Open the store before collecting, so a damaged or newer database is reported before minutes of work.
  const store = options.isRecorded === false ? undefined : await openStore({ home: options.home });
  try {
    const startedAt = new Date().toISOString();
    const snapshot = await collectSnapshot({ signal: options.signal, progress: options.progress });
    options.progress?.step('checks');
    const results = runChecks(snapshot);
    if (options.isImageScanWanted !== false) {
      results.push(...(await scanRunningImages(snapshot, store, options)));
    }
    const assessment: Assessment = {
      id: randomUUID(),
      startedAt,
      finishedAt: new Date().toISOString(),
      tool: TOOL,
      snapshot,
      results,
      summary: countStatuses(results),
    };
    if (store) {
      options.progress?.step('recording');
      assessment.changes = await store.recordAssessment(assessment);
      await recordAssessmentAudit(store, assessment, assessment.changes, {
        home: options.home,
        ...(options.actor === undefined ? {} : { actor: options.actor }),
      });
    }
    return assessment;
  } finally {
    await store?.close();
  }
}
