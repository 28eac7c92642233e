// Repeated alerts aggregated instead of flooded: the first alert of a kind is written at once; repeats within
// the window are counted, and when the window closes one summary line gives the count of the whole window (the
// first alert included) with first and last seen.

import type { Alert } from '../core/runtime/alert.js';

export interface AlertLine {
  time: string;
  rule: string;
  priority: Alert['priority'];
  output: string;
  container: Alert['container'];
  fields: Alert['fields'];
  tags: string[];
  /** 1 on the line written when an alert is first seen; on a summary line, every occurrence in its window. */
  count: number;
  firstSeen: string;
  lastSeen: string;
}

export interface AlertAggregator {
  /** Lines to write now: the alert when it is the first of its kind, after the summary of an expired window. */
  add(alert: Alert, now: number): AlertLine[];
  /** Summary lines for windows that closed by `now` (all of them when `now` is Infinity). */
  flush(now: number): AlertLine[];
}

interface Window {
  opened: number;
  first: Alert;
  repeats: number;
  lastRepeat: Alert;
}

/** Alerts are the same when rule, container and rendered output are. */
export function alertKeyOf(a: Pick<Alert, 'rule' | 'container' | 'output'>): string {
  return `${a.rule}\u0000${a.container.id}\u0000${a.output}`;
}

function lineOf(a: Alert, count: number, firstSeen: string, lastSeen: string): AlertLine {
  return {
    time: a.time,
    rule: a.rule,
    priority: a.priority,
    output: a.output,
    container: a.container,
    fields: a.fields,
    tags: a.tags,
    count,
    firstSeen,
    lastSeen,
  };
}

const MAX_WINDOWS = 10_000;

export function createAlertAggregator(windowMs: number): AlertAggregator {
  const windows = new Map<string, Window>();
  const close = (w: Window): AlertLine | undefined =>
    w.repeats === 0 ? undefined : lineOf(w.lastRepeat, w.repeats + 1, w.first.time, w.lastRepeat.time);
  return {
    add(alert, now) {
      const key = alertKeyOf(alert);
      const w = windows.get(key);
      if (w && now - w.opened < windowMs) {
        w.repeats++;
        w.lastRepeat = alert;
        return [];
      }
      const out: AlertLine[] = [];
      const summary = w ? close(w) : undefined;
      if (summary) out.push(summary);
      if (windows.size >= MAX_WINDOWS) out.push(...this.flush(Number.POSITIVE_INFINITY));
      windows.set(key, { opened: now, first: alert, repeats: 0, lastRepeat: alert });
      out.push(lineOf(alert, 1, alert.time, alert.time));
      return out;
    },
    flush(now) {
      const out: AlertLine[] = [];
      for (const [key, w] of windows) {
        if (now - w.opened < windowMs) continue;
        windows.delete(key);
        const line = close(w);
        if (line) out.push(line);
      }
      return out;
    },
  };
}
