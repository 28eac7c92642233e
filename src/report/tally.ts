// Counts the reports show beside the assessment's own status summary.
import { CONTAINER_STATES, type Container, type ContainerState } from '../core/inventory/container.js';
import type { CheckResult } from '../core/result/check-result.js';
import { SEVERITIES, type Severity } from '../core/result/severity.js';

export function countContainersByState(
  containers: readonly Pick<Container, 'state'>[],
): Record<ContainerState, number> {
  const counts = Object.fromEntries(CONTAINER_STATES.map((s) => [s, 0])) as Record<ContainerState, number>;
  for (const c of containers) counts[c.state] += 1;
  return counts;
}

export function countFailuresBySeverity(
  results: readonly Pick<CheckResult, 'status' | 'severity'>[],
): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const r of results) if (r.status === 'fail') counts[r.severity] += 1;
  return counts;
}
