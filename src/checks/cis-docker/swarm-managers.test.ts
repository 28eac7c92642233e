import { describe, expect, it } from 'vitest';
import { makeSnapshot } from '../../../test/support/snapshot.js';
import { evaluateOne } from '../__fixtures__/evaluate.js';
import { swarmManagers } from './swarm-managers.js';

describe('7.1 manager count', () => {
  it.each`
    isManager | managers     | status      | evidence
    ${true}   | ${3}         | ${'manual'} | ${"Swarm.Managers=3 of 5 nodes: confirm this is the fewest that meet the cluster's fault tolerance needs"}
    ${true}   | ${4}         | ${'fail'}   | ${'Swarm.Managers=4 of 5 nodes (an even count adds no fault tolerance)'}
    ${true}   | ${9}         | ${'fail'}   | ${'Swarm.Managers=9 of 5 nodes (more than 7)'}
    ${true}   | ${undefined} | ${'error'}  | ${'the engine did not report the number of managers'}
    ${false}  | ${undefined} | ${'manual'} | ${'this node is a worker: review the manager count on a manager node'}
  `('manager=$isManager managers=$managers → $status', ({ isManager, managers, status, evidence }) => {
    const snapshot = makeSnapshot({ daemon: { swarm: { state: 'active', isManager, managers, nodes: 5 } } });
    expect(evaluateOne(swarmManagers, snapshot)).toMatchObject({ status, evidence });
  });

  it('is not applicable outside an active swarm', () => {
    expect(evaluateOne(swarmManagers, makeSnapshot()).status).toBe('not-applicable');
  });
});
