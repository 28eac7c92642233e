// Response wiring for the agent and the CLI: the runbook executor signing evidence with the home's key and
// recording every step in the store's audit trail.

import { appendAudit, loadOrCreateSigner } from '../audit/index.js';
import type { EngineClient } from '../collect/docker/engine-client.js';
import type { AuditStore } from '../core/audit/audit-repository.js';
import type { Alert } from '../core/runtime/alert.js';
import {
  createRunbookExecutor,
  type Notifier,
  type RunbookExecutor,
  type RunbooksConfig,
} from '../runtime/respond/index.js';

export interface AlertResponseOptions {
  config: RunbooksConfig;
  home: string;
  store: AuditStore;
  client: EngineClient;
  notify?: Notifier;
  /** Audit actor (default `agent`; the CLI passes the local user). */
  actor?: string;
}

export function createAlertResponse(options: AlertResponseOptions): RunbookExecutor {
  return createRunbookExecutor({
    config: options.config,
    client: options.client,
    home: options.home,
    signer: loadOrCreateSigner(options.home),
    record: (draft) => appendAudit(options.store, draft, { home: options.home }),
    ...(options.notify === undefined ? {} : { notify: options.notify }),
    ...(options.actor === undefined ? {} : { actor: options.actor }),
  });
}

/** The alert a manual response (`coastguard respond`) records as its reason. */
export function manualAlert(
  container: { id: string; name: string | null },
  reason: string,
  now = new Date(),
): Alert {
  return {
    time: now.toISOString(),
    rule: 'Manual response',
    priority: 'emergency',
    output: reason,
    tags: ['manual'],
    container: { id: container.id, name: container.name, image: null },
    fields: {},
  };
}
