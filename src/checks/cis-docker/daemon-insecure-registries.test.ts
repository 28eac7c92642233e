import { describe, expect, it } from 'vitest';
import { makeSnapshot } from '../../../test/support/snapshot.js';
import { evaluateOne } from '../__fixtures__/evaluate.js';
import { daemonInsecureRegistries } from './daemon-insecure-registries.js';

describe('2.5 insecure registries', () => {
  it.each`
    insecureRegistries                                    | status    | evidence
    ${['127.0.0.0/8']}                                    | ${'pass'} | ${'no insecure registries besides the built-in 127.0.0.0/8'}
    ${[]}                                                 | ${'pass'} | ${'no insecure registries besides the built-in 127.0.0.0/8'}
    ${['127.0.0.0/8', '10.0.0.0/8', 'registry.lan:5000']} | ${'fail'} | ${'insecure registries: 10.0.0.0/8, registry.lan:5000'}
  `('$insecureRegistries → $status', ({ insecureRegistries, status, evidence }) => {
    const result = evaluateOne(daemonInsecureRegistries, makeSnapshot({ daemon: { insecureRegistries } }));
    expect(result).toMatchObject({ status, evidence });
  });
});
