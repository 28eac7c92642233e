import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Alert } from '../core/runtime/alert.js';
import { openStore, type Store } from '../store/index.js';
import { type AlertLine, createAlertAggregator } from './alert-aggregator.js';
import { createStoreAlertSink } from './alert-sink.js';

function alert(i: number, overrides: Partial<Alert> = {}): Alert {
  return {
    time: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
    rule: 'Shell started in container',
    priority: 'warning',
    output: 'Shell started (container=web proc.cmdline=sh)',
    tags: ['shell'],
    container: { id: 'c0ffee', name: 'web', image: 'busybox:1' },
    fields: { 'proc.cmdline': 'sh', 'user.name': 'root' },
    ...overrides,
  };
}

describe('store alert sink', () => {
  let store: Store | undefined;
  afterEach(async () => {
    await store?.close();
  });

  async function open(): Promise<{ store: Store; home: string }> {
    const home = await mkdtemp(join(tmpdir(), 'cgtest-h6b-sink-'));
    store = await openStore({ home });
    return { store, home };
  }

  it('stores one counted row per aggregation key and audits new alerts and window summaries, not repeats', async () => {
    const { store, home } = await open();
    const sink = createStoreAlertSink({ store, home });
    const agg = createAlertAggregator(10_000);
    const lines: AlertLine[] = [];
    // 50 repeats of one alert in a window, one other alert, then the window closes.
    for (let i = 0; i < 50; i++) lines.push(...agg.add(alert(i), i));
    lines.push(...agg.add(alert(1, { rule: 'Write below etc', output: 'write /etc/x' }), 1));
    lines.push(...agg.flush(Number.POSITIVE_INFINITY));
    for (const l of lines) sink.write(l);
    await sink.drain();

    const stored = await store.runtime.listAlerts();
    const shell = stored.find((a) => a.rule === 'Shell started in container');
    expect(shell).toMatchObject({
      count: 50,
      firstSeen: alert(0).time,
      lastSeen: alert(49).time,
      container: { id: 'c0ffee', name: 'web', image: 'busybox:1' },
    });
    expect(stored.find((a) => a.rule === 'Write below etc')?.count).toBe(1);

    const entries = (await store.audit.list()).map(
      (e) => JSON.parse(e.canonicalData) as Record<string, unknown>,
    );
    const actions = (await store.audit.list()).map((e) => e.action);
    expect(actions).toEqual(['runtime.alert', 'runtime.alert', 'runtime.alert.repeated']);
    expect(entries[2]).toMatchObject({ count: 50, rule: 'Shell started in container' });
    expect((await store.audit.list())[0]?.subject).toBe('container:c0ffee');
  });

  it('adds later windows of the same alert to its row', async () => {
    const { store, home } = await open();
    const sink = createStoreAlertSink({ store, home });
    const agg = createAlertAggregator(10);
    for (const now of [0, 1, 2, 100, 101]) {
      for (const l of agg.add(alert(now), now)) sink.write(l);
    }
    for (const l of agg.flush(Number.POSITIVE_INFINITY)) sink.write(l);
    await sink.drain();
    const [row] = await store.runtime.listAlerts();
    expect(row?.count).toBe(5);
    expect(row?.lastSeen).toBe(alert(101).time);
  });

  it('bounds huge field values in the audit entry and keeps the alert', async () => {
    const { store, home } = await open();
    const sink = createStoreAlertSink({ store, home });
    const agg = createAlertAggregator(10);
    for (const l of agg.add(alert(0, { fields: { 'proc.cmdline': 'x'.repeat(200_000) } }), 0)) sink.write(l);
    await sink.drain();
    const [entry] = await store.audit.list();
    const data = JSON.parse(entry?.canonicalData ?? '{}') as { fields: Record<string, string> };
    const cmdline = data.fields['proc.cmdline'];
    expect(cmdline?.length).toBeLessThan(2_000);
    expect(cmdline).toMatch(/200000 chars/);
    expect((await store.runtime.listAlerts()).length).toBe(1);
  });

  it('reports a store failure and drops nothing already stored', async () => {
    const { store, home } = await open();
    const errors: string[] = [];
    const sink = createStoreAlertSink({ store, home, onError: (m) => errors.push(m) });
    const agg = createAlertAggregator(10);
    for (const l of agg.add(alert(0), 0)) sink.write(l);
    await sink.drain();
    await store.close();
    for (const l of agg.add(alert(1, { rule: 'Other' }), 1)) sink.write(l);
    await sink.drain();
    expect(errors.join('\n')).toMatch(/cannot record the alert Other/);
    const again = await openStore({ home });
    try {
      expect((await again.runtime.listAlerts()).map((a) => a.rule)).toEqual(['Shell started in container']);
    } finally {
      await again.close();
    }
  });

  it('drops and counts lines beyond its queue bound', async () => {
    const { store, home } = await open();
    const sink = createStoreAlertSink({ store, home, maxQueued: 2 });
    const agg = createAlertAggregator(10);
    for (let i = 0; i < 5; i++) for (const l of agg.add(alert(i, { rule: `r${i}` }), i)) sink.write(l);
    await sink.drain();
    expect(sink.dropped).toBe(3);
    expect((await store.runtime.listAlerts()).length).toBe(2);
  });
});
