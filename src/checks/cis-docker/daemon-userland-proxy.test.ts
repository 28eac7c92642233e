import { describe, expect, it } from 'vitest';
import { makeSnapshot } from '../../../test/support/snapshot.js';
import { evaluateOne } from '../__fixtures__/evaluate.js';
import { daemonUserlandProxy } from './daemon-userland-proxy.js';

describe('2.16 userland proxy', () => {
  it.each`
    value        | status
    ${false}     | ${'pass'}
    ${true}      | ${'fail'}
    ${undefined} | ${'fail'}
  `('userland-proxy=$value → $status', ({ value, status }) => {
    const snapshot = makeSnapshot({ daemon: { options: { 'userland-proxy': value } } });
    expect(evaluateOne(daemonUserlandProxy, snapshot).status).toBe(status);
  });
});
