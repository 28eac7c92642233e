// The exporter seam: one file per destination kind under this folder, listed in its index. The delivery loop
// (cursor, spool, retry, status) is the same for all of them; a destination only knows its wire protocol.
import type { Severity } from '../../core/result/severity.js';

/** One audit entry on its way out, already shaped in the destination's event schema (Coastguard's or OCSF). */
export interface DeliveryEvent {
  /** Stable across retries and restarts so receivers can drop duplicates: the trail's id and the entry's seq. */
  readonly id: string;
  readonly seq: number;
  /** ISO-8601, the entry's time. */
  readonly time: string;
  readonly action: string;
  /** For alerts and findings; filters and chat/ticket destinations use it. */
  readonly severity?: Severity;
  /** The event in the configured schema; what goes on the wire (serialized by the destination). */
  readonly body: Readonly<Record<string, unknown>>;
}

/** Why a delivery failed, and whether trying again later can help (a 400 will not; a refused connection may). */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

export interface Destination {
  /** The name given in coastguard.yaml; names the cursor and spool. */
  readonly name: string;
  /** e.g. `syslog`, `jsonl`, `splunk-hec`, `fluent-forward`, `webhook`, `chat`, `jira`, `servicenow`. */
  readonly kind: string;
  /**
   * Resolves only once the receiver has taken every event (acknowledged where the protocol can); throws a
   * DeliveryError otherwise. Messages never include credentials.
   */
  deliver(events: readonly DeliveryEvent[], signal: AbortSignal): Promise<void>;
  close(): Promise<void>;
}
