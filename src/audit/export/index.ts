// The destination kinds (`kind:` in coastguard.yaml): the only file that knows them all. Adding one is a file
// exporting a DestinationKind, listed in `kinds` and (its options) in DestinationConfig below.
import { z } from 'zod';
import { chat } from './chat.js';
import type { Destination } from './destination.js';
import type { DestinationContext, DestinationKind } from './destination-kind.js';
import { fluentForward } from './fluent-forward.js';
import { jira } from './jira.js';
import { jsonl } from './jsonl.js';
import { servicenow } from './servicenow.js';
import { splunkHec } from './splunk-hec.js';
import { syslog } from './syslog.js';
import { webhook } from './webhook.js';

const kinds = [syslog, jsonl, webhook, splunkHec, fluentForward, chat, jira, servicenow] as const;

export const DESTINATION_KINDS = kinds.map((k) => k.kind);

export const DestinationConfig = z.discriminatedUnion('kind', [
  syslog.config,
  jsonl.config,
  webhook.config,
  splunkHec.config,
  fluentForward.config,
  chat.config,
  jira.config,
  servicenow.config,
]);
export type DestinationConfig = z.infer<typeof DestinationConfig>;

export function createDestination(config: DestinationConfig, context: DestinationContext): Destination {
  const kind = kinds.find((k) => k.kind === config.kind) as DestinationKind | undefined;
  if (kind === undefined) throw new Error(`unknown destination kind ${config.kind}`);
  return kind.create(config, context);
}
