import { describe, expect, it } from 'vitest';
import { makeSnapshot } from '../../../test/support/snapshot.js';
import { evaluateOne } from '../__fixtures__/evaluate.js';
import { daemonIptables } from './daemon-iptables.js';

describe('2.4 iptables', () => {
  it.each`
    iptables     | status
    ${true}      | ${'pass'}
    ${undefined} | ${'pass'}
    ${false}     | ${'fail'}
    ${'false'}   | ${'fail'}
  `('iptables=$iptables → $status', ({ iptables, status }) => {
    expect(evaluateOne(daemonIptables, makeSnapshot({ daemon: { options: { iptables } } })).status).toBe(
      status,
    );
  });
});
