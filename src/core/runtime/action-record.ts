// What a responder did (or, in a dry run, would have done) to a container: the record every response step leaves,
// even when it fails, so the chain of custody has no holes.
import type { JsonObject } from '../audit/audit-entry.js';

/** The container a response acts on. */
export interface ContainerRef {
  /** Full Docker container id. */
  id: string;
  name: string | null;
  image: string | null;
}

/** `done`: acted; `would-do`: a dry run recorded the step only; `failed`: tried and did not succeed. */
export type ActionOutcome = 'done' | 'would-do' | 'failed';

export interface ActionRecord {
  /** The responder's action (`pause`, `isolate`, `capture`...). */
  action: string;
  target: ContainerRef;
  isDryRun: boolean;
  outcome: ActionOutcome;
  /** ISO 8601. */
  startedAt: string;
  finishedAt: string;
  /** One human sentence: what was done or why it failed. */
  detail: string;
  /** Facts needed to review or undo the step (networks left, evidence path and manifest hash...). */
  data: JsonObject;
}
