// Response wiring for the agent and the CLI: the runbook executor signing evidence with the home's key and
// recording every step in the store's audit trail.

import { appendAudit, loadOrCreateSigner, localActor } from '../audit/index.js';
import {
  closeEngineClient,
  createEngineClient,
  type EngineClient,
  isNotFound,
  requestEngine,
} from '../collect/docker/engine-client.js';
import type { AuditStore } from '../core/audit/audit-repository.js';
import { CoastguardError } from '../core/errors.js';
import type { Alert } from '../core/runtime/alert.js';
import {
  createRunbookExecutor,
  type Notifier,
  type RunbookExecutor,
  type RunbookRun,
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

export interface ManualResponseOptions {
  runbooks: RunbooksConfig;
  home: string;
  store: AuditStore;
  /** A container name or id. */
  container: string;
  runbook: string;
  reason: string;
}

/**
 * `coastguard respond`: one runbook on one container by hand, with every guard of the agent (never-act-on list,
 * protected label, own container, cooldown, the runbook's dry run), recorded as the local user.
 */
export async function respondManually(options: ManualResponseOptions): Promise<RunbookRun> {
  if (!options.runbooks.list.some((r) => r.name === options.runbook)) {
    const known = options.runbooks.list.map((r) => r.name).join(', ') || 'none';
    throw new CoastguardError('BAD_INPUT', `No runbook named ${options.runbook} (configured: ${known}).`);
  }
  const client = await createEngineClient();
  try {
    const inspect = await requestEngine<{ Id: string; Name?: string }>(
      client,
      `/containers/${encodeURIComponent(options.container)}/json`,
    ).catch((err: unknown) => {
      if (isNotFound(err))
        throw new CoastguardError('BAD_INPUT', `No container ${options.container} on this engine.`);
      throw err;
    });
    const executor = createAlertResponse({
      config: options.runbooks,
      home: options.home,
      store: options.store,
      client,
      actor: localActor(),
    });
    const alert = manualAlert(
      { id: inspect.Id, name: inspect.Name?.replace(/^\//, '') ?? null },
      options.reason,
    );
    const run = await executor.runNamed(options.runbook, alert);
    if (run === undefined) throw new CoastguardError('INTERNAL', `the runbook ${options.runbook} vanished`);
    return run;
  } finally {
    closeEngineClient(client);
  }
}
