import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createRuntimeEvent, type RuntimeEvent } from '../../core/runtime/runtime-event.js';
import { openStore, type Store } from '../../store/index.js';
import { baselineItemOf, createBaselineTracker } from './image-baseline.js';

const IMAGE = { id: 'sha256:1111', name: 'shop/web:1.4' };
const container = { id: 'c'.repeat(64), name: 'web', image: 'shop/web:1.4' };

const exec = (exepath: string): RuntimeEvent =>
  createRuntimeEvent({
    type: 'exec',
    time: 1,
    proc: { exepath, name: exepath.split('/').pop() ?? '' },
    container,
  });
const connect = (ip: string, port: number, res = 0): RuntimeEvent =>
  createRuntimeEvent({
    type: 'connect',
    time: 1,
    res,
    fd: { type: 'ipv4', sip: ip, sport: port },
    container,
  });
const write = (path: string, isWrite = true): RuntimeEvent =>
  createRuntimeEvent({
    type: 'open',
    time: 1,
    res: 3,
    args: { isWrite },
    fd: { type: 'file', name: path },
    container,
  });

const stores: Store[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function newStore(home?: string): Promise<{ store: Store; home: string }> {
  const dir = home ?? (await mkdtemp(join(tmpdir(), 'cgtest-baseline-')));
  if (home === undefined) dirs.push(dir);
  const store = await openStore({ home: dir });
  stores.push(store);
  return { store, home: dir };
}

describe('image baselines', () => {
  it('takes processes, peers of successful connects and files opened for writing as behaviour', () => {
    expect(baselineItemOf(exec('/usr/bin/node'))).toEqual({ kind: 'process', value: '/usr/bin/node' });
    expect(baselineItemOf(connect('10.0.0.5', 5432))).toEqual({ kind: 'connection', value: '10.0.0.5:5432' });
    expect(baselineItemOf(connect('10.0.0.5', 5432, -111))).toBeUndefined();
    expect(baselineItemOf(write('/var/log/app.log'))).toEqual({ kind: 'write', value: '/var/log/app.log' });
    expect(baselineItemOf(write('/etc/passwd', false))).toBeUndefined();
  });

  it('learns during the window, stores what it learnt, then alerts once per new behaviour', async () => {
    const { store } = await newStore();
    let now = Date.parse('2026-11-22T10:00:00Z');
    const tracker = createBaselineTracker({ store: store.runtime, learnMs: 60_000, now: () => now });
    expect(await tracker.observe(exec('/usr/bin/node'), IMAGE)).toEqual([]);
    expect(await tracker.observe(connect('10.0.0.5', 5432), IMAGE)).toEqual([]);
    expect(await tracker.observe(write('/var/log/app.log'), IMAGE)).toEqual([]);
    await tracker.flush();
    const [stored] = await store.runtime.listBaselines(IMAGE.id);
    expect(stored?.items.map((i) => [i.kind, i.value])).toEqual([
      ['connection', '10.0.0.5:5432'],
      ['process', '/usr/bin/node'],
      ['write', '/var/log/app.log'],
    ]);
    expect(stored).toMatchObject({ imageName: 'shop/web:1.4', learnUntil: '2026-11-22T10:01:00.000Z' });

    now += 61_000;
    expect(await tracker.observe(exec('/usr/bin/node'), IMAGE)).toEqual([]);
    const [alert] = await tracker.observe(exec('/tmp/xmrig'), IMAGE);
    expect(alert).toMatchObject({
      rule: 'Unexpected process for image',
      priority: 'warning',
      container: { id: container.id, name: 'web' },
      fields: { 'baseline.kind': 'process', 'baseline.value': '/tmp/xmrig', 'container.image.id': IMAGE.id },
    });
    expect(alert?.output).toBe(
      'web ran /tmp/xmrig, which shop/web:1.4 never did while its baseline was learnt',
    );
    expect(await tracker.observe(exec('/tmp/xmrig'), IMAGE)).toEqual([]);
    expect((await tracker.observe(connect('203.0.113.9', 3333), IMAGE))[0]?.rule).toBe(
      'Unexpected connection for image',
    );
    expect((await tracker.observe(write('/usr/bin/evil'), IMAGE))[0]?.rule).toBe(
      'Unexpected file write for image',
    );
    // Deviations are not learnt: the baseline stays what was seen in the window.
    await tracker.flush();
    expect((await store.runtime.listBaselines(IMAGE.id))[0]?.items).toHaveLength(3);
  });

  it('resumes from the store after a restart: the window is not restarted and what was learnt stays known', async () => {
    const first = await newStore();
    let now = Date.parse('2026-11-22T10:00:00Z');
    const before = createBaselineTracker({ store: first.store.runtime, learnMs: 60_000, now: () => now });
    await before.observe(exec('/usr/bin/node'), IMAGE);
    await before.flush();
    await first.store.close();
    stores.splice(0);

    const { store } = await newStore(first.home);
    dirs.push(first.home);
    now += 120_000;
    const after = createBaselineTracker({ store: store.runtime, learnMs: 60_000, now: () => now });
    expect(await after.observe(exec('/usr/bin/node'), IMAGE)).toEqual([]);
    expect(await after.observe(exec('/bin/sh'), IMAGE)).toHaveLength(1);
  });
});
