import { describe, expect, it } from 'vitest';
import { makeSnapshot } from '../../../test/support/snapshot.js';
import { evaluateOne } from '../__fixtures__/evaluate.js';
import { swarmAutolock } from './swarm-autolock.js';

describe('7.5 auto-lock', () => {
  it.each`
    isManager | isAutoLockEnabled | status
    ${true}   | ${true}           | ${'pass'}
    ${true}   | ${false}          | ${'fail'}
    ${true}   | ${undefined}      | ${'error'}
    ${false}  | ${undefined}      | ${'not-applicable'}
  `(
    'manager=$isManager autolock=$isAutoLockEnabled → $status',
    ({ isManager, isAutoLockEnabled, status }) => {
      const snapshot = makeSnapshot({ daemon: { swarm: { state: 'active', isManager, isAutoLockEnabled } } });
      expect(evaluateOne(swarmAutolock, snapshot).status).toBe(status);
    },
  );
});
