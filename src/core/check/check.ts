// The Check seam: a pure judgement over a snapshot.
import type { Snapshot } from '../inventory/snapshot.js';
import type { CheckResult } from '../result/check-result.js';
import type { Severity } from '../result/severity.js';

export type Scope = 'host' | 'daemon' | 'image' | 'container' | 'network' | 'swarm';

export interface Check {
  /** Unique registry key, e.g. `cis-docker-5.5`. Equals the key in its folder's index. */
  readonly id: string;
  /** Id reported in results: the stable id from checks.json, or `cis-docker-<cisId>` where none exists. */
  readonly checkId: string;
  readonly cisId?: string;
  readonly title: string;
  readonly scope: Scope;
  readonly severity: Severity;
  /** 'automated' decides pass/fail from machine state; 'manual' always asks a person (and says what to look at). */
  readonly automation: 'automated' | 'manual';
  readonly remediation: string;
  /** Never throws and never passes by default: unknown state is `error` or `manual`. */
  evaluate(snapshot: Snapshot): Iterable<CheckResult>;
}
