import { describe, expect, it } from 'vitest';
import { makeContainer, makeSnapshot } from '../../../test/support/snapshot.js';
import { evaluateOne } from '../__fixtures__/evaluate.js';
import { containerDefaultBridge } from './container-default-bridge.js';

describe('5.30 default bridge', () => {
  it.each`
    network      | networks                 | status
    ${'default'} | ${['bridge']}            | ${'fail'}
    ${'bridge'}  | ${['bridge']}            | ${'fail'}
    ${''}        | ${[]}                    | ${'fail'}
    ${'app-net'} | ${['app-net', 'bridge']} | ${'fail'}
    ${'app-net'} | ${['app-net']}           | ${'pass'}
    ${'host'}    | ${['host']}              | ${'pass'}
    ${'none'}    | ${['none']}              | ${'pass'}
  `('NetworkMode $network on $networks → $status', ({ network, networks, status }) => {
    const snapshot = makeSnapshot({ containers: [makeContainer({ networks, namespaces: { network } })] });
    expect(evaluateOne(containerDefaultBridge, snapshot).status).toBe(status);
  });
});
