// The runbook executor on the real engine with a real store: dry runs change nothing, live runs capture first and
// then contain, every step is an audit-trail entry (chain of custody), and the guards hold: cooldown, neverActOn,
// the protected label, Coastguard's own container, and a failed step with onError: stop.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildBusyboxImage,
  ensureEngine,
  removeTestObjects,
  testDocker,
} from '../../../test/support/engine.js';
import { appendAudit, loadOrCreateSigner, verifyStore } from '../../audit/index.js';
import type { EngineClient } from '../../collect/docker/engine-client.js';
import type { AuditDraft } from '../../core/audit/audit-entry.js';
import type { Alert } from '../../core/runtime/alert.js';
import { openStore, type Store } from '../../store/index.js';
import { verifyEvidenceBundle } from '../forensics/index.js';
import { createRunbookExecutor, type RunbookExecutorOptions, RunbooksConfig } from './index.js';

const PREFIX = 'cgtest-h6a-rb-';
const IMAGE = `${PREFIX}busybox:1`;

describe('runbook executor', () => {
  let client: EngineClient;
  let docker: Docker;
  let home: string;
  let store: Store;

  beforeAll(async () => {
    client = await ensureEngine();
    docker = await testDocker();
    await removeTestObjects(PREFIX);
    await buildBusyboxImage(IMAGE);
    home = await mkdtemp(join(tmpdir(), 'cgtest-h6a-home-'));
    store = await openStore({ home });
  }, 120_000);

  afterAll(async () => {
    await store?.close();
    await removeTestObjects(PREFIX);
    if (home) await rm(home, { recursive: true, force: true });
  });

  async function startContainer(name: string, labels: Record<string, string> = {}): Promise<string> {
    const c = await docker.createContainer({
      name: `${PREFIX}${name}`,
      Image: IMAGE,
      Cmd: ['sh', '-c', 'while true; do sleep 1; done'],
      Labels: labels,
    });
    await c.start();
    return c.id;
  }

  function alertFor(id: string, rule = 'Crypto miner started'): Alert {
    return {
      time: new Date().toISOString(),
      rule,
      priority: 'critical',
      output: `miner in ${id}`,
      tags: ['cryptomining'],
      container: { id, name: null, image: null },
      fields: { 'proc.name': 'xmrig' },
    };
  }

  function executor(config: unknown, extra: Partial<RunbookExecutorOptions> = {}) {
    return createRunbookExecutor({
      config: RunbooksConfig.parse(config),
      client,
      home,
      signer: loadOrCreateSigner(home),
      record: (draft) => appendAudit(store, draft, { home }),
      ownContainerId: null,
      ...extra,
    });
  }

  async function entriesFor(id: string) {
    return (await store.audit.list())
      .filter((e) => e.subject === `container:${id}`)
      .map((e) => ({ action: e.action, data: JSON.parse(e.canonicalData) as Record<string, unknown> }));
  }

  const CONTAIN = {
    list: [
      {
        name: 'contain',
        when: { rules: ['Crypto miner*'] },
        steps: [{ action: 'isolate' }, { action: 'kill' }, { action: 'capture' }],
      },
    ],
  };

  it('in a dry run records every step in order, capture first, and changes nothing', async () => {
    const id = await startContainer('dry');
    const runs = await executor(CONTAIN).handle(alertFor(id));
    expect(runs).toHaveLength(1);
    expect(runs[0]?.status).toBe('ran');
    expect(runs[0]?.records.map((r) => [r.action, r.outcome, r.isDryRun])).toEqual([
      ['capture', 'would-do', true],
      ['isolate', 'would-do', true],
      ['kill', 'would-do', true],
    ]);
    const state = await docker.getContainer(id).inspect();
    expect(state.State).toMatchObject({ Running: true, Paused: false });
    expect(Object.keys(state.NetworkSettings.Networks)).toEqual(['bridge']);
    expect(existsSync(join(home, 'evidence'))).toBe(false);
    const entries = await entriesFor(id);
    expect(entries.map((e) => e.action)).toEqual(['response.capture', 'response.isolate', 'response.kill']);
    expect(entries.every((e) => e.data.dryRun === true && e.data.outcome === 'would-do')).toBe(true);
    expect(entries[0]?.data).toMatchObject({
      runbook: 'contain',
      rule: 'Crypto miner started',
      priority: 'critical',
    });
  });

  it('live: captures evidence first, then isolates and kills, each step in the audit trail', async () => {
    const id = await startContainer('live');
    const config = { list: [{ ...CONTAIN.list[0], dryRun: false }] };
    const [run] = await executor(config).handle(alertFor(id));
    expect(run?.records.map((r) => [r.action, r.outcome])).toEqual([
      ['capture', 'done'],
      ['isolate', 'done'],
      ['kill', 'done'],
    ]);
    const state = await docker.getContainer(id).inspect();
    expect(state.State.Running).toBe(false);
    expect(Object.keys(state.NetworkSettings.Networks)).toEqual([]);

    const entries = await entriesFor(id);
    expect(entries.map((e) => e.action)).toEqual(['response.capture', 'response.isolate', 'response.kill']);
    const capture = entries[0]?.data ?? {};
    expect(capture.dryRun).toBe(false);
    const dir = String(capture.evidencePath);
    expect(dir.startsWith(join(home, 'evidence'))).toBe(true);
    const manifest = await readFile(join(dir, 'manifest.json'));
    expect(capture.manifestSha256).toBe(createHash('sha256').update(manifest).digest('hex'));
    expect((await verifyEvidenceBundle(dir, loadOrCreateSigner(home))).isValid).toBe(true);
    expect(entries[1]?.data.networks).toEqual([expect.objectContaining({ name: 'bridge' })]);
    expect(await verifyStore(store, { publicKey: loadOrCreateSigner(home) })).toMatchObject({ ok: true });
  });

  it('acts once per cooldown per runbook and container', async () => {
    const first = await startContainer('cool-1');
    const second = await startContainer('cool-2');
    let clock = Date.parse('2026-11-22T10:00:00Z');
    const ex = executor(
      {
        list: [{ name: 'noisy', when: { rules: ['*'] }, cooldownSeconds: 60, steps: [{ action: 'pause' }] }],
      },
      { now: () => new Date(clock) },
    );
    expect((await ex.handle(alertFor(first)))[0]?.status).toBe('ran');
    clock += 30_000;
    const repeat = await ex.handle(alertFor(first));
    expect(repeat[0]).toMatchObject({ status: 'cooldown', records: [] });
    expect(repeat[0]?.reason).toMatch(/30 s ago \(cooldown 60 s\)/);
    expect((await ex.handle(alertFor(second)))[0]?.status).toBe('ran');
    clock += 31_000;
    expect((await ex.handle(alertFor(first)))[0]?.status).toBe('ran');
    expect((await entriesFor(first)).map((e) => e.action)).toEqual(['response.pause', 'response.pause']);
  });

  it('handles alerts arriving together one at a time: one acts, the repeat meets the cooldown', async () => {
    const id = await startContainer('burst');
    const ex = executor({
      list: [
        {
          name: 'burst',
          when: { rules: ['*'] },
          dryRun: false,
          steps: [{ action: 'capture' }, { action: 'pause' }],
        },
      ],
    });
    const results = await Promise.all([
      ex.handle(alertFor(id)),
      ex.handle(alertFor(id)),
      ex.handle(alertFor(id)),
    ]);
    expect(results.map((r) => r[0]?.status)).toEqual(['ran', 'cooldown', 'cooldown']);
    expect((await entriesFor(id)).map((e) => e.action)).toEqual(['response.capture', 'response.pause']);
    expect((await docker.getContainer(id).inspect()).State.Paused).toBe(true);
  });

  it.each`
    case                  | labels                                | config                                                  | own      | reason
    ${'neverActOn name'}  | ${{}}                                 | ${{ neverActOn: { containers: [`${PREFIX}guard-*`] } }} | ${false} | ${/name cgtest-h6a-rb-guard-.* is on the neverActOn list/}
    ${'neverActOn image'} | ${{}}                                 | ${{ neverActOn: { images: [`${PREFIX}busybox:*`] } }}   | ${false} | ${/image cgtest-h6a-rb-busybox:1/}
    ${'protected label'}  | ${{ 'coastguard.protected': 'true' }} | ${{}}                                                   | ${false} | ${/coastguard.protected=true/}
    ${'own container'}    | ${{}}                                 | ${{}}                                                   | ${true}  | ${/own container/}
  `(
    'never acts on a container refused by $case, and records the refusal',
    async ({ case: kind, labels, config, own, reason }) => {
      const id = await startContainer(`guard-${kind.replace(/\W+/g, '-')}`, labels);
      const ex = executor(
        {
          ...config,
          list: [{ name: 'kill-all', when: { rules: ['*'] }, dryRun: false, steps: [{ action: 'kill' }] }],
        },
        own ? { ownContainerId: id } : {},
      );
      const [run] = await ex.handle(alertFor(id));
      expect(run?.status).toBe('refused');
      expect(run?.reason).toMatch(reason);
      expect((await docker.getContainer(id).inspect()).State.Running).toBe(true);
      const entries = await entriesFor(id);
      expect(entries.map((e) => e.action)).toEqual(['response.refused']);
      expect(String(entries[0]?.data.reason)).toMatch(reason);
    },
  );

  it('refuses host alerts and containers that are gone', async () => {
    const ex = executor({ list: [{ name: 'any', when: { rules: ['*'] }, steps: [{ action: 'pause' }] }] });
    const [host] = await ex.handle({
      ...alertFor('host'),
      container: { id: 'host', name: null, image: null },
    });
    expect(host).toMatchObject({ status: 'refused', reason: 'the alert is not about a container' });
    const [gone] = await ex.handle(alertFor('0'.repeat(64)));
    expect(gone).toMatchObject({ status: 'refused', reason: 'the container no longer exists' });
  });

  it('runs a runbook by name whatever its trigger, with the guards still on', async () => {
    const id = await startContainer('manual');
    const ex = executor({
      neverActOn: { labels: { keep: 'yes' } },
      list: [
        {
          name: 'quarantine',
          when: { rules: ['never matches'] },
          dryRun: false,
          steps: [{ action: 'pause' }],
        },
      ],
    });
    expect(await ex.runNamed('missing', alertFor(id))).toBeUndefined();
    const run = await ex.runNamed('quarantine', alertFor(id, 'manual response'));
    expect(run?.records.map((r) => [r.action, r.outcome])).toEqual([['pause', 'done']]);
    expect((await docker.getContainer(id).inspect()).State.Paused).toBe(true);
    const kept = await startContainer('manual-kept', { keep: 'yes' });
    expect((await ex.runNamed('quarantine', alertFor(kept)))?.status).toBe('refused');
  });

  it('ignores alerts no runbook is triggered by', async () => {
    const ex = executor({
      list: [{ name: 'miners', when: { rules: ['Crypto*'] }, steps: [{ action: 'pause' }] }],
    });
    expect(await ex.handle(alertFor('1'.repeat(64), 'Shell in container'))).toEqual([]);
  });

  it('stops a runbook at a failed step with onError: stop, and goes on with continue', async () => {
    const id = await startContainer('onerror');
    const config = {
      list: [
        {
          name: 'continue',
          when: { rules: ['*'] },
          dryRun: false,
          steps: [{ action: 'notify' }, { action: 'pause' }],
        },
        {
          name: 'stop',
          when: { rules: ['*'] },
          dryRun: false,
          steps: [{ action: 'notify', onError: 'stop' }, { action: 'kill' }],
        },
      ],
    };
    const [goesOn, stops] = await executor(config).handle(alertFor(id));
    expect(goesOn?.records.map((r) => [r.action, r.outcome])).toEqual([
      ['notify', 'failed'],
      ['pause', 'done'],
    ]);
    expect(stops?.records.map((r) => [r.action, r.outcome])).toEqual([['notify', 'failed']]);
    expect(stops?.reason).toBe('stopped after notify failed');
    expect((await docker.getContainer(id).inspect()).State).toMatchObject({ Running: true, Paused: true });
  });

  it('stops acting when the audit trail cannot record a step', async () => {
    const id = await startContainer('no-audit');
    const drafts: AuditDraft[] = [];
    const ex = executor(
      {
        list: [
          {
            name: 'r',
            when: { rules: ['*'] },
            dryRun: false,
            steps: [{ action: 'pause' }, { action: 'kill' }],
          },
        ],
      },
      {
        record: async (draft) => {
          drafts.push(draft);
          throw new Error('disk full');
        },
      },
    );
    const [run] = await ex.handle(alertFor(id));
    expect(run?.records.map((r) => r.action)).toEqual(['pause']);
    expect(run?.reason).toMatch(/audit trail refused the record of pause: disk full/);
    expect((await docker.getContainer(id).inspect()).State.Running).toBe(true);
  });
});
