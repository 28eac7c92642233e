// The Responder seam: one containment or evidence action on one container. It always returns a record, also when
// the action fails; dry runs never reach a responder (the runbook executor records them).
import type { EngineClient } from '../../collect/docker/engine-client.js';
import type { ActionRecord, ContainerRef } from '../../core/runtime/action-record.js';
import type { Alert } from '../../core/runtime/alert.js';
import type { EvidenceSigner } from '../forensics/index.js';
import type { RunbookStep } from './config.js';

/** Hands an alert on (to exporters, a pager); the pipeline provides it. */
export type Notifier = (alert: Alert, target: ContainerRef) => Promise<void>;

export interface ResponseContext {
  client: EngineClient;
  alert: Alert;
  /** The step being run, with its options (kill's signal, stop's timeout, capture's memory and checkpoint). */
  step: RunbookStep;
  /** The Coastguard home (evidence bundles go under it). */
  home: string;
  signer: EvidenceSigner;
  /** Capture leaves the container paused (the runbook asks, or a later step pauses it anyway). */
  keepPaused: boolean;
  notify?: Notifier;
  now: () => Date;
}

export interface Responder {
  /** The step's `action` in coastguard.yaml; equals its file name. */
  readonly action: RunbookStep['action'];
  /** Destroys or changes state an investigator needs: runs after evidence capture. */
  readonly isDestructive: boolean;
  /** Acts and resolves with the record; a failure is a record with outcome `failed`, not a rejection. */
  run(target: ContainerRef, ctx: ResponseContext): Promise<ActionRecord>;
}

/** Runs `act` and turns its outcome (or error) into an ActionRecord. */
export async function recordAction(
  action: string,
  target: ContainerRef,
  ctx: Pick<ResponseContext, 'now'>,
  act: () => Promise<{ detail: string; data?: ActionRecord['data'] }>,
): Promise<ActionRecord> {
  const startedAt = ctx.now().toISOString();
  try {
    const { detail, data } = await act();
    return {
      action,
      target,
      isDryRun: false,
      outcome: 'done',
      startedAt,
      finishedAt: ctx.now().toISOString(),
      detail,
      data: data ?? {},
    };
  } catch (err) {
    return {
      action,
      target,
      isDryRun: false,
      outcome: 'failed',
      startedAt,
      finishedAt: ctx.now().toISOString(),
      detail: `${action} failed: ${err instanceof Error ? err.message : String(err)}`,
      data: {},
    };
  }
}

export function containerPath(target: ContainerRef, suffix: string): string {
  return `/containers/${encodeURIComponent(target.id)}${suffix}`;
}
