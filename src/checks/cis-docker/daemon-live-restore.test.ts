import { describe, expect, it } from 'vitest';
import { makeSnapshot } from '../../../test/support/snapshot.js';
import { evaluateOne } from '../__fixtures__/evaluate.js';
import { daemonLiveRestore } from './daemon-live-restore.js';

describe('2.15 live restore', () => {
  it.each`
    isLiveRestoreEnabled | swarm         | status
    ${true}              | ${'inactive'} | ${'pass'}
    ${false}             | ${'inactive'} | ${'fail'}
    ${false}             | ${'active'}   | ${'not-applicable'}
  `(
    'live restore $isLiveRestoreEnabled, swarm $swarm → $status',
    ({ isLiveRestoreEnabled, swarm, status }) => {
      const snapshot = makeSnapshot({ daemon: { isLiveRestoreEnabled, swarm: { state: swarm } } });
      expect(evaluateOne(daemonLiveRestore, snapshot).status).toBe(status);
    },
  );
});
