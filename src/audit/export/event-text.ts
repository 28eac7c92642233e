// What people read of an audit event in chat messages and tickets: a one-line title and a few facts, taken from
// the event whatever schema its body is in (Coastguard's own carries subject and data; OCSF carries a message).
import type { DeliveryEvent } from './destination.js';

export interface EventText {
  readonly title: string;
  /** `label: value` facts, in order. */
  readonly facts: readonly (readonly [string, string])[];
  /** The event in full, bounded, for a description field. */
  readonly detail: string;
}

const MAX_DETAIL_CHARS = 20_000;
const MAX_FACT_CHARS = 500;

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value.slice(0, MAX_FACT_CHARS);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

export function eventText(event: DeliveryEvent): EventText {
  const body = record(event.body);
  const data = record(body.data);
  const container = record(data.container);
  const subject = text(body.subject) ?? '';
  const what =
    text(data.rule) ??
    text(data.title) ??
    text(body.message) ??
    text(record(body.finding_info).title) ??
    event.action;
  const where = text(container.name) ?? subject;
  const title = `[Coastguard] ${what}${where === '' ? '' : ` — ${where}`}`.slice(0, 250);
  const facts: [string, string][] = [];
  const add = (label: string, value: unknown) => {
    const t = text(value);
    if (t !== undefined) facts.push([label, t]);
  };
  add('Action', event.action);
  add('Severity', event.severity ?? data.priority);
  add('Subject', subject);
  add('Container', container.name);
  add('Image', container.image);
  add('Output', data.output);
  add('Evidence', data.evidence);
  add('Runbook', data.runbook);
  add('Time', event.time);
  add('Event id', event.id);
  const detail = JSON.stringify(event.body, null, 2).slice(0, MAX_DETAIL_CHARS);
  return { title, facts, detail };
}
