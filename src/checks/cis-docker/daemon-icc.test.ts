import { describe, expect, it } from 'vitest';
import { makeDefaultBridge, makeNetwork, makeSnapshot } from '../../../test/support/snapshot.js';
import { evaluateOne } from '../__fixtures__/evaluate.js';
import { daemonIcc } from './daemon-icc.js';

describe('2.2 inter-container communication', () => {
  it.each`
    bridgeIcc    | daemonIcc    | status     | evidence
    ${'false'}   | ${true}      | ${'pass'}  | ${'network bridge com.docker.network.bridge.enable_icc=false'}
    ${'true'}    | ${false}     | ${'fail'}  | ${'network bridge com.docker.network.bridge.enable_icc=true'}
    ${'yes'}     | ${false}     | ${'error'} | ${'network bridge com.docker.network.bridge.enable_icc=yes is not a boolean'}
    ${undefined} | ${false}     | ${'pass'}  | ${'icc=false'}
    ${undefined} | ${undefined} | ${'fail'}  | ${'icc not set in daemon.json or dockerd flags (default true)'}
  `(
    'bridge $bridgeIcc, daemon icc $daemonIcc → $status',
    ({ bridgeIcc, daemonIcc: icc, status, evidence }) => {
      const bridge =
        bridgeIcc === undefined
          ? makeNetwork({ id: 'net-bridge', name: 'bridge' })
          : makeDefaultBridge({ 'com.docker.network.bridge.enable_icc': bridgeIcc });
      const snapshot = makeSnapshot({ networks: [bridge], daemon: { options: { icc } } });
      expect(evaluateOne(daemonIcc, snapshot)).toMatchObject({
        status,
        evidence,
        subject: { kind: 'daemon' },
      });
    },
  );

  it('is an error when neither the bridge nor the configuration can tell', () => {
    const snapshot = makeSnapshot({
      networks: [],
      daemon: { options: { icc: undefined }, configErrors: ['/etc/docker/daemon.json: EACCES'] },
    });
    expect(evaluateOne(daemonIcc, snapshot).status).toBe('error');
  });
});
