import { describe, expect, it } from 'vitest';
import { makeSnapshot } from '../../../test/support/snapshot.js';
import { evaluateOne } from '../__fixtures__/evaluate.js';
import { daemonSwarmMode } from './daemon-swarm-mode.js';

describe('5.1 swarm mode', () => {
  it('passes when swarm mode is off', () => {
    expect(evaluateOne(daemonSwarmMode, makeSnapshot())).toMatchObject({
      status: 'pass',
      evidence: 'Swarm.LocalNodeState=inactive',
    });
  });

  it('asks a person whether an active swarm is needed', () => {
    const snapshot = makeSnapshot({ daemon: { swarm: { state: 'active', isManager: true } } });
    expect(evaluateOne(daemonSwarmMode, snapshot)).toMatchObject({
      status: 'manual',
      evidence: 'Swarm.LocalNodeState=active (manager): confirm this host needs swarm mode',
    });
  });
});
