// The response wiring: a manual response through createAlertResponse lands in the store's audit trail under the
// given actor, and the trail still verifies with the home's key.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBusyboxImage, ensureEngine, removeTestObjects, testDocker } from '../../test/support/engine.js';
import { loadOrCreateSigner, verifyStore } from '../audit/index.js';
import { RunbooksConfig } from '../runtime/respond/index.js';
import { openStore, type Store } from '../store/index.js';
import { createAlertResponse, manualAlert } from './respond.js';

const PREFIX = 'cgtest-h6a-pl-';

describe('alert response wiring', () => {
  let home: string;
  let store: Store;
  let containerId: string;

  beforeAll(async () => {
    await ensureEngine();
    await removeTestObjects(PREFIX);
    const image = await buildBusyboxImage(`${PREFIX}busybox:1`);
    const c = await (await testDocker()).createContainer({
      name: `${PREFIX}target`,
      Image: image,
      Cmd: ['sleep', '600'],
    });
    await c.start();
    containerId = c.id;
    home = await mkdtemp(join(tmpdir(), 'cgtest-h6a-home-'));
    store = await openStore({ home });
  }, 120_000);

  afterAll(async () => {
    await store?.close();
    await removeTestObjects(PREFIX);
    if (home) await rm(home, { recursive: true, force: true });
  });

  it('records a manual dry run in the audit trail as the given actor', async () => {
    const response = createAlertResponse({
      config: RunbooksConfig.parse({
        list: [{ name: 'quarantine', when: { tags: ['never'] }, steps: [{ action: 'isolate' }] }],
      }),
      home,
      store,
      client: await ensureEngine(),
      actor: 'alice@host-1',
    });
    const run = await response.runNamed(
      'quarantine',
      manualAlert({ id: containerId, name: null }, 'ticket 42'),
    );
    expect(run?.records.map((r) => [r.action, r.outcome])).toEqual([['isolate', 'would-do']]);
    const entries = await store.audit.list();
    expect(entries.map((e) => [e.actor, e.action, e.subject])).toEqual([
      ['alice@host-1', 'response.isolate', `container:${containerId}`],
    ]);
    expect(JSON.parse(entries[0]?.canonicalData ?? '{}')).toMatchObject({
      rule: 'Manual response',
      dryRun: true,
      runbook: 'quarantine',
    });
    expect(await verifyStore(store, { publicKey: loadOrCreateSigner(home) })).toMatchObject({ ok: true });
  });
});
