// The responders, one file per action: the only list of what a runbook step can do.
import { capture } from './capture.js';
import { isolate } from './isolate.js';
import { kill } from './kill.js';
import { notify } from './notify.js';
import { pause } from './pause.js';
import type { Responder } from './responder.js';
import { stop } from './stop.js';

export const responders = { capture, pause, isolate, stop, kill, notify } satisfies Record<string, Responder>;
export type ResponderAction = keyof typeof responders;

export {
  NeverActOn,
  Runbook,
  RunbookStep,
  RunbooksConfig,
  RunbookTrigger,
  type StepAction,
} from './config.js';
export { type DisconnectedNetwork, reconnectNetworks } from './isolate.js';
export {
  type ContainerFacts,
  matchesTrigger,
  matchRunbooks,
  PROTECTED_LABEL,
  refusalReason,
} from './match.js';
export type { Notifier, Responder, ResponseContext } from './responder.js';
export {
  createRunbookExecutor,
  orderSteps,
  type RunbookExecutor,
  type RunbookExecutorOptions,
  type RunbookRun,
  type RunbookRunStatus,
} from './run-runbooks.js';
export { detectOwnContainerId, ownContainerIdFrom } from './self.js';
