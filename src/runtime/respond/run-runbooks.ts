// The runbook executor: an alert → the runbooks it triggers → their steps in order, evidence capture first, each
// step recorded in the audit trail (chain of custody). Guards come before any step: never Coastguard's own
// container, never a protected or neverActOn container, and once per cooldown per runbook and container.
import { type EngineClient, isNotFound, requestEngine } from '../../collect/docker/engine-client.js';
import type { AuditDraft, JsonObject } from '../../core/audit/audit-entry.js';
import type { ActionRecord, ContainerRef } from '../../core/runtime/action-record.js';
import type { Alert } from '../../core/runtime/alert.js';
import type { EvidenceSigner } from '../forensics/index.js';
import type { Runbook, RunbookStep, RunbooksConfig } from './config.js';
import { responders } from './index.js';
import { type ContainerFacts, matchRunbooks, refusalReason } from './match.js';
import type { Notifier, Responder } from './responder.js';
import { detectOwnContainerId } from './self.js';

/** `ran`: steps were run (or recorded, in a dry run); `refused`: a guard stopped it; `cooldown`: ran recently. */
export type RunbookRunStatus = 'ran' | 'refused' | 'cooldown';

export interface RunbookRun {
  runbook: string;
  container: ContainerRef;
  status: RunbookRunStatus;
  /** Why it was refused, or why it stopped early. */
  reason: string | null;
  records: ActionRecord[];
}

export interface RunbookExecutorOptions {
  config: RunbooksConfig;
  client: EngineClient;
  home: string;
  signer: EvidenceSigner;
  /** Appends one audit-trail entry; resolves once it is durable. */
  record: (draft: AuditDraft) => Promise<unknown>;
  notify?: Notifier;
  /** Who the audit entries name as actor (default `agent`). */
  actor?: string;
  /** Coastguard's own container id; detected from /proc/self when left out. */
  ownContainerId?: string | null;
  now?: () => Date;
  responders?: Readonly<Record<RunbookStep['action'], Responder>>;
}

export interface RunbookExecutor {
  /**
   * Runs every runbook the alert triggers, one after another; resolves with what each did. Calls are queued: one
   * alert's response finishes before the next one's starts.
   */
  handle(alert: Alert): Promise<RunbookRun[]>;
  /**
   * Runs one runbook by name on the alert's container whatever its trigger says (a manual response); the guards,
   * the cooldown and the runbook's dryRun still hold. Undefined when no runbook has that name.
   */
  runNamed(name: string, alert: Alert): Promise<RunbookRun | undefined>;
}

/** Capture steps first (evidence before containment), the rest in their configured order. */
export function orderSteps(steps: readonly RunbookStep[]): RunbookStep[] {
  return [...steps.filter((s) => s.action === 'capture'), ...steps.filter((s) => s.action !== 'capture')];
}

interface InspectAnswer {
  Id: string;
  Name?: string;
  Config?: { Image?: string; Labels?: Record<string, string> | null };
}

export function createRunbookExecutor(options: RunbookExecutorOptions): RunbookExecutor {
  const now = options.now ?? (() => new Date());
  const actor = options.actor ?? 'agent';
  const registry = options.responders ?? responders;
  const lastRun = new Map<string, number>();
  const ownId =
    options.ownContainerId === undefined ? detectOwnContainerId() : Promise.resolve(options.ownContainerId);

  const audit = (action: string, container: ContainerRef, data: JsonObject) =>
    options.record({ actor, action, subject: `container:${container.id}`, data });

  const alertData = (runbook: Runbook, alert: Alert): JsonObject => ({
    runbook: runbook.name,
    rule: alert.rule,
    priority: alert.priority,
    alertTime: alert.time,
    dryRun: runbook.dryRun,
  });

  async function facts(alert: Alert): Promise<ContainerFacts | string> {
    if (alert.container.id === 'host' || alert.container.id === '')
      return 'the alert is not about a container';
    try {
      const inspect = await requestEngine<InspectAnswer>(
        options.client,
        `/containers/${encodeURIComponent(alert.container.id)}/json`,
      );
      return {
        id: inspect.Id,
        name: inspect.Name?.replace(/^\//, '') ?? alert.container.name,
        image: inspect.Config?.Image ?? alert.container.image,
        labels: inspect.Config?.Labels ?? {},
      };
    } catch (err) {
      return isNotFound(err)
        ? 'the container no longer exists'
        : `the container cannot be inspected: ${(err as Error).message}`;
    }
  }

  async function runSteps(runbook: Runbook, alert: Alert, target: ContainerRef): Promise<RunbookRun> {
    const run: RunbookRun = {
      runbook: runbook.name,
      container: target,
      status: 'ran',
      reason: null,
      records: [],
    };
    const steps = orderSteps(runbook.steps);
    for (const [i, step] of steps.entries()) {
      const later = steps.slice(i + 1);
      const record = runbook.dryRun
        ? dryRunRecord(step, target, now)
        : await registry[step.action].run(target, {
            client: options.client,
            alert,
            step,
            home: options.home,
            signer: options.signer,
            keepPaused: runbook.keepPaused || later.some((s) => s.action === 'pause'),
            ...(options.notify === undefined ? {} : { notify: options.notify }),
            now,
          });
      run.records.push(record);
      try {
        // The step's facts first, so they can never overwrite the alert, dry-run flag or outcome.
        await audit(`response.${step.action}`, target, {
          ...record.data,
          ...alertData(runbook, alert),
          outcome: record.outcome,
          detail: record.detail,
        });
      } catch (err) {
        // Acting on without a record would break the chain of custody: stop here.
        run.reason = `the audit trail refused the record of ${step.action}: ${(err as Error).message}`;
        return run;
      }
      if (record.outcome === 'failed' && step.onError === 'stop') {
        run.reason = `stopped after ${step.action} failed`;
        return run;
      }
    }
    return run;
  }

  async function runAll(runbooks: readonly Runbook[], alert: Alert): Promise<RunbookRun[]> {
    if (runbooks.length === 0) return [];
    const container = await facts(alert);
    const target: ContainerRef =
      typeof container === 'string'
        ? { id: alert.container.id, name: alert.container.name, image: alert.container.image }
        : { id: container.id, name: container.name, image: container.image };
    const refusal =
      typeof container === 'string'
        ? container
        : refusalReason(container, options.config.neverActOn, await ownId);
    const runs: RunbookRun[] = [];
    for (const runbook of runbooks) {
      const key = `${runbook.name}\0${target.id}`;
      const at = now().getTime();
      const last = lastRun.get(key);
      if (last !== undefined && at - last < runbook.cooldownSeconds * 1000) {
        runs.push({
          runbook: runbook.name,
          container: target,
          status: 'cooldown',
          reason: `ran ${Math.round((at - last) / 1000)} s ago (cooldown ${runbook.cooldownSeconds} s)`,
          records: [],
        });
        continue;
      }
      // Refusals count against the cooldown too, so a noisy protected container cannot flood the trail.
      lastRun.set(key, at);
      if (refusal !== undefined) {
        await audit('response.refused', target, { ...alertData(runbook, alert), reason: refusal }).catch(
          () => undefined,
        );
        runs.push({
          runbook: runbook.name,
          container: target,
          status: 'refused',
          reason: refusal,
          records: [],
        });
        continue;
      }
      runs.push(await runSteps(runbook, alert, target));
    }
    return runs;
  }

  // One response at a time: a kill from one runbook must never land in the middle of another's capture.
  let queue: Promise<unknown> = Promise.resolve();
  const serialized = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work);
    queue = next.catch(() => undefined);
    return next;
  };

  return {
    handle: (alert) => serialized(() => runAll(matchRunbooks(alert, options.config.list), alert)),
    runNamed: (name, alert) =>
      serialized(async () => {
        const runbook = options.config.list.find((r) => r.name === name);
        if (runbook === undefined) return undefined;
        const [run] = await runAll([runbook], alert);
        return run;
      }),
  };
}

function dryRunRecord(step: RunbookStep, target: ContainerRef, now: () => Date): ActionRecord {
  const time = now().toISOString();
  const options: JsonObject = Object.fromEntries(
    Object.entries(step).filter(([key]) => key !== 'action' && key !== 'onError'),
  ) as JsonObject;
  return {
    action: step.action,
    target,
    isDryRun: true,
    outcome: 'would-do',
    startedAt: time,
    finishedAt: time,
    detail: `dry run: would ${step.action} the container`,
    data: options,
  };
}
