// The Responder contract, run for every responder in the registry: it always resolves with a record (never
// rejects), the record names its action and target, its times are ordered ISO 8601, and its data is canonical
// JSON the audit trail accepts, whether the action succeeds on a running container or fails on a missing one.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildBusyboxImage,
  ensureEngine,
  removeTestObjects,
  testDocker,
} from '../../../test/support/engine.js';
import { loadOrCreateSigner } from '../../audit/index.js';
import type { EngineClient } from '../../collect/docker/engine-client.js';
import { canonicalize } from '../../core/audit/audit-entry.js';
import type { ActionRecord, ContainerRef } from '../../core/runtime/action-record.js';
import { RunbookStep } from './config.js';
import type { Responder, ResponseContext } from './responder.js';

export interface ResponderContractOptions {
  /** The container prefix for this suite's objects (`cgtest-…`). */
  prefix: string;
  /** Why the responder succeeds without a container (it does not touch the engine), if it does. */
  worksWithoutContainer?: string;
}

function expectWellFormed(record: ActionRecord, responder: Responder, target: ContainerRef): void {
  expect(record.action).toBe(responder.action);
  expect(record.target).toEqual(target);
  expect(record.isDryRun).toBe(false);
  expect(Date.parse(record.startedAt)).not.toBeNaN();
  expect(Date.parse(record.finishedAt)).toBeGreaterThanOrEqual(Date.parse(record.startedAt));
  expect(record.detail.length).toBeGreaterThan(0);
  expect(() => canonicalize(record.data)).not.toThrow();
}

export function describeResponderContract(responder: Responder, options: ResponderContractOptions): void {
  describe(`Responder contract: ${responder.action}`, () => {
    let client: EngineClient;
    let home: string;
    let context: ResponseContext;

    beforeAll(async () => {
      client = await ensureEngine();
      await removeTestObjects(options.prefix);
      await buildBusyboxImage(`${options.prefix}busybox:1`);
      home = await mkdtemp(join(tmpdir(), 'cgtest-h6a-home-'));
      context = {
        client,
        alert: {
          time: new Date().toISOString(),
          rule: 'Contract',
          priority: 'notice',
          output: 'contract',
          tags: [],
          container: { id: '', name: null, image: null },
          fields: {},
        },
        step: RunbookStep.parse({ action: responder.action }),
        home,
        signer: loadOrCreateSigner(home),
        keepPaused: false,
        notify: async () => {},
        now: () => new Date(),
      };
    }, 120_000);

    afterAll(async () => {
      await removeTestObjects(options.prefix);
      if (home) await rm(home, { recursive: true, force: true });
    });

    it('acts on a running container and says so in a well-formed record', async () => {
      const docker = await testDocker();
      const c = await docker.createContainer({
        name: `${options.prefix}${responder.action}`,
        Image: `${options.prefix}busybox:1`,
        // Exits on SIGTERM, so stop does not wait out its grace period.
        Cmd: ['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 1; done'],
      });
      await c.start();
      const target = { id: c.id, name: `${options.prefix}${responder.action}`, image: null };
      const record = await responder.run(target, context);
      expectWellFormed(record, responder, target);
      expect(record.outcome).toBe('done');
    });

    it('resolves with a failed record for a container that does not exist', async (ctx) => {
      if (options.worksWithoutContainer !== undefined) ctx.skip(options.worksWithoutContainer);
      const target = { id: 'c'.repeat(64), name: null, image: null };
      const record = await responder.run(target, context);
      expectWellFormed(record, responder, target);
      expect(record.outcome).toBe('failed');
      expect(record.detail).toMatch(new RegExp(`^${responder.action} failed: `));
    });
  });
}
