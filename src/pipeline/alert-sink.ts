// Where the agent's alert lines go besides its output: the store (one row per aggregation key, counted) and the
// audit trail (one `runtime.alert` entry per new aggregated alert, one `runtime.alert.repeated` per window
// summary with its count: bounded, never one entry per repeat). Exporters read alerts from the audit trail.

import { createHash } from 'node:crypto';
import { appendAudit } from '../audit/index.js';
import type { AuditDraft } from '../core/audit/audit-entry.js';
import type { AuditStore } from '../core/audit/audit-repository.js';
import type { Alert } from '../core/runtime/alert.js';
import type { RuntimeRepository } from '../core/runtime/runtime-repository.js';
import { type AlertLine, alertKeyOf } from './alert-aggregator.js';

export interface AlertSink {
  /** Queues the line; never throws (a failure is reported through `onError`). */
  write(line: AlertLine): void;
  /** Resolves once every queued line is written. */
  drain(): Promise<void>;
  /** Lines dropped because the queue was full (the store could not keep up). */
  readonly dropped: number;
}

export interface StoreAlertSinkOptions {
  store: AuditStore & { readonly runtime: RuntimeRepository };
  home: string;
  onError?: (message: string) => void;
  /** Lines waiting at most; beyond, new lines are dropped and counted (default 10,000). */
  maxQueued?: number;
}

/** Audit data stays well under the entry bound: large field values are cut. */
const MAX_VALUE_CHARS = 1_024;

function bounded(value: Alert['fields'][string]): Alert['fields'][string] {
  return typeof value === 'string' && value.length > MAX_VALUE_CHARS
    ? `${value.slice(0, MAX_VALUE_CHARS)}…(${value.length} chars)`
    : value;
}

export function alertStoreKey(line: Pick<Alert, 'rule' | 'container' | 'output'>): string {
  return createHash('sha256').update(alertKeyOf(line)).digest('hex');
}

/** A line of count 1 is an alert first seen; a summary line counts its whole window, the first one included. */
export function isFirstLine(line: AlertLine): boolean {
  return line.count === 1 && line.firstSeen === line.lastSeen && line.time === line.firstSeen;
}

export function auditDraftOf(line: AlertLine, key: string): AuditDraft {
  const fields = Object.fromEntries(Object.entries(line.fields).map(([k, v]) => [k, bounded(v)]));
  const first = isFirstLine(line);
  return {
    actor: 'agent',
    action: first ? 'runtime.alert' : 'runtime.alert.repeated',
    subject: `container:${line.container.id}`,
    data: {
      key,
      rule: line.rule,
      priority: line.priority,
      output: String(bounded(line.output)),
      container: line.container,
      tags: line.tags,
      fields,
      count: line.count,
      firstSeen: line.firstSeen,
      lastSeen: line.lastSeen,
    },
  };
}

export function createStoreAlertSink(options: StoreAlertSinkOptions): AlertSink {
  const { store, home } = options;
  const maxQueued = options.maxQueued ?? 10_000;
  let queued = 0;
  let dropped = 0;
  let chain: Promise<void> = Promise.resolve();
  const writeOne = async (line: AlertLine): Promise<void> => {
    const key = alertStoreKey(line);
    const first = isFirstLine(line);
    const alert: Alert = {
      time: line.firstSeen,
      rule: line.rule,
      priority: line.priority,
      output: line.output,
      tags: line.tags,
      container: line.container,
      fields: line.fields,
    };
    // The first line of a window was stored when it came; its summary adds the repeats only.
    await store.runtime.recordAlert(key, alert, first ? 1 : line.count - 1, line.lastSeen);
    await appendAudit(store, auditDraftOf(line, key), { home });
  };
  return {
    write(line) {
      if (queued >= maxQueued) {
        dropped++;
        return;
      }
      queued++;
      chain = chain
        .then(() => writeOne(line))
        .catch((err: Error) => options.onError?.(`cannot record the alert ${line.rule}: ${err.message}`))
        .finally(() => {
          queued--;
        });
    },
    drain: () => chain,
    get dropped() {
      return dropped;
    },
  };
}
