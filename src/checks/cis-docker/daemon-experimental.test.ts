import { describe, expect, it } from 'vitest';
import { makeSnapshot } from '../../../test/support/snapshot.js';
import { evaluateOne } from '../__fixtures__/evaluate.js';
import { daemonExperimental } from './daemon-experimental.js';

describe('2.18 experimental features', () => {
  it.each`
    isExperimental | status    | evidence
    ${false}       | ${'pass'} | ${'ExperimentalBuild=false'}
    ${true}        | ${'fail'} | ${'ExperimentalBuild=true'}
  `('$isExperimental → $status', ({ isExperimental, status, evidence }) => {
    const result = evaluateOne(daemonExperimental, makeSnapshot({ daemon: { isExperimental } }));
    expect(result).toMatchObject({ status, evidence });
  });
});
