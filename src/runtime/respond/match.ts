// Which runbooks an alert triggers, and which containers no runbook may touch. Pure: the executor supplies the
// container's facts.
import { matchesGlob as matchesAnyGlob } from '../../core/glob.js';
import { type Alert, RULE_PRIORITIES } from '../../core/runtime/alert.js';
import type { NeverActOn, Runbook, RunbookTrigger } from './config.js';

/** The label that puts a container beyond every runbook. */
export const PROTECTED_LABEL = 'coastguard.protected';

/** Names in runbooks are matched without regard to case: `Crypto miner*` is what people write. */
export function matchesGlob(value: string, globs: readonly string[]): boolean {
  return matchesAnyGlob(value, globs, { ignoreCase: true });
}

export function matchesTrigger(alert: Alert, trigger: RunbookTrigger): boolean {
  if (trigger.rules !== undefined && !matchesGlob(alert.rule, trigger.rules)) return false;
  if (
    trigger.minPriority !== undefined &&
    RULE_PRIORITIES.indexOf(alert.priority) > RULE_PRIORITIES.indexOf(trigger.minPriority)
  ) {
    return false;
  }
  if (trigger.tags !== undefined && !trigger.tags.some((t) => alert.tags.includes(t))) return false;
  return true;
}

export function matchRunbooks(alert: Alert, runbooks: readonly Runbook[]): Runbook[] {
  return runbooks.filter((r) => matchesTrigger(alert, r.when));
}

export interface ContainerFacts {
  id: string;
  name: string | null;
  image: string | null;
  labels: Record<string, string>;
}

/** Why no runbook may act on this container, or undefined when one may. */
export function refusalReason(
  container: ContainerFacts,
  neverActOn: NeverActOn,
  ownContainerId: string | null,
): string | undefined {
  if (ownContainerId !== null && container.id === ownContainerId) return "it is Coastguard's own container";
  if (container.labels[PROTECTED_LABEL] === 'true') return `it is labelled ${PROTECTED_LABEL}=true`;
  if (container.name !== null && matchesGlob(container.name, neverActOn.containers)) {
    return `its name ${container.name} is on the neverActOn list`;
  }
  if (container.image !== null && matchesGlob(container.image, neverActOn.images)) {
    return `its image ${container.image} is on the neverActOn list`;
  }
  for (const [key, value] of Object.entries(neverActOn.labels)) {
    if (container.labels[key] === value) return `its label ${key}=${value} is on the neverActOn list`;
  }
  return undefined;
}
