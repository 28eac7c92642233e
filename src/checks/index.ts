// The check registry: every check Coastguard runs, keyed by id, with the runner and the catalogue the apps show.
import type { Check, Scope } from '../core/check/check.js';
import type { Snapshot } from '../core/inventory/snapshot.js';
import { createRegistry } from '../core/registry.js';
import type { CheckResult } from '../core/result/check-result.js';
import type { Severity } from '../core/result/severity.js';
import { type CisDockerCheck, cisDockerChecks } from './cis-docker/index.js';

export type { CisDockerCheck } from './cis-docker/index.js';

import { RUNNING_IMAGE_CHECKS } from './running-images/judge-running-images.js';

export type CheckRegistry = Readonly<Record<string, Check>>;

/** `1.1.10` after `1.1.9`: CIS ids compare number by number. */
export function compareCisIds(a: string, b: string): number {
  const left = a.split('.').map(Number);
  const right = b.split('.').map(Number);
  for (let i = 0; i < Math.max(left.length, right.length); i += 1) {
    const difference = (left[i] ?? -1) - (right[i] ?? -1);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** Keyed by id; a duplicate id is a programming error that must stop the build's tests, not shadow a check. */
function keyById(members: readonly CisDockerCheck[]): Record<string, CisDockerCheck> {
  const byId: Record<string, CisDockerCheck> = {};
  for (const member of [...members].sort((a, b) => compareCisIds(a.cisId, b.cisId))) {
    if (byId[member.id]) throw new Error(`check registry: duplicate check id "${member.id}"`);
    byId[member.id] = member;
  }
  return byId;
}

export const checks: Readonly<Record<string, CisDockerCheck>> = createRegistry(
  'check',
  keyById(cisDockerChecks),
  (check) => check.id,
);

/**
 * Runs every check of the registry. Checks report unknown state as `error` results themselves; a check that throws
 * anyway (a bug) yields one `error` result naming it, and the other checks still run.
 */
export function runChecks(snapshot: Snapshot, registry: CheckRegistry = checks): CheckResult[] {
  const results: CheckResult[] = [];
  for (const check of Object.values(registry)) {
    try {
      results.push(...check.evaluate(snapshot));
    } catch (err) {
      results.push(describeCrash(check, snapshot, err));
    }
  }
  return results;
}

function describeCrash(check: Check, snapshot: Snapshot, err: unknown): CheckResult {
  const reason = err instanceof Error ? err.message : String(err);
  const result: CheckResult = {
    checkId: check.checkId,
    title: check.title,
    status: 'error',
    severity: check.severity,
    subject: { kind: 'host', id: snapshot.host?.id ?? 'unknown', name: snapshot.host?.hostname ?? 'unknown' },
    evidence: `check ${check.id} failed to run: ${reason}`,
    remediation: check.remediation,
  };
  if (check.cisId !== undefined) result.cisId = check.cisId;
  return result;
}

export interface CheckSummary {
  id: string;
  checkId: string;
  cisId?: string;
  title: string;
  scope: Scope;
  severity: Severity;
  automation: 'automated' | 'manual';
  /** The stable id its results about containers carry, where it differs from `checkId` (CIS 4.1). */
  containerCheckId?: string;
}

/** Every check: the CIS registry in benchmark order, then those the host scan runs on running images. */
export function listAllChecks(): CheckSummary[] {
  return [...listChecks(), ...RUNNING_IMAGE_CHECKS.map((c) => ({ ...c }))];
}

/** The catalogue of a registry, in benchmark order. */
export function listChecks(registry: CheckRegistry = checks): CheckSummary[] {
  return Object.values(registry).map((check) => {
    const summary: CheckSummary = {
      id: check.id,
      checkId: check.checkId,
      title: check.title,
      scope: check.scope,
      severity: check.severity,
      automation: check.automation,
    };
    if (check.cisId !== undefined) summary.cisId = check.cisId;
    if ('containerCheckId' in check && typeof check.containerCheckId === 'string') {
      summary.containerCheckId = check.containerCheckId;
    }
    return summary;
  });
}
