import { describe, expect, it } from 'vitest';
import { makeContainer, makeSnapshot } from '../../../test/support/snapshot.js';
import { evaluateOne } from '../__fixtures__/evaluate.js';
import {
  swarmAutoLockRotation,
  swarmCaRotation,
  swarmListenAddress,
  swarmNodeCertRotation,
  swarmSecrets,
  swarmTrafficSeparation,
} from './swarm-review.js';

const reviews = [
  swarmListenAddress,
  swarmSecrets,
  swarmAutoLockRotation,
  swarmNodeCertRotation,
  swarmCaRotation,
  swarmTrafficSeparation,
];

describe('7.x reviews', () => {
  const snapshot = makeSnapshot({
    daemon: { swarm: { state: 'active', isManager: true, nodeAddress: '10.0.0.5' } },
    containers: [
      makeContainer({ workload: { orchestrator: 'swarm', name: 'api' } }),
      makeContainer({ id: 'c2', workload: { orchestrator: 'swarm', name: 'api' } }),
      makeContainer({ id: 'c3', workload: { orchestrator: 'swarm', name: 'worker' } }),
    ],
  });

  it.each(reviews.map((c) => [c.cisId, c] as const))('%s asks a person in an active swarm', (_, check) => {
    expect(evaluateOne(check, snapshot).status).toBe('manual');
    expect(evaluateOne(check, makeSnapshot()).status).toBe('not-applicable');
  });

  it('gives the facts it has', () => {
    expect(evaluateOne(swarmListenAddress, snapshot).evidence).toContain('Swarm.NodeAddr=10.0.0.5');
    expect(evaluateOne(swarmTrafficSeparation, snapshot).evidence).toContain('Swarm.NodeAddr=10.0.0.5');
    expect(evaluateOne(swarmSecrets, snapshot).evidence).toContain('2 swarm services here');
  });
});
