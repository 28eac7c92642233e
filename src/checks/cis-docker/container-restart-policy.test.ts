import { describe, expect, it } from 'vitest';
import { makeContainer, makeSnapshot } from '../../../test/support/snapshot.js';
import { evaluateOne } from '../__fixtures__/evaluate.js';
import { containerRestartPolicy } from './container-restart-policy.js';

describe('5.15 restart policy', () => {
  it.each`
    name                | maximumRetryCount | status     | evidence
    ${'no'}             | ${0}              | ${'pass'}  | ${'HostConfig.RestartPolicy=no'}
    ${'on-failure'}     | ${5}              | ${'pass'}  | ${'HostConfig.RestartPolicy=on-failure:5'}
    ${'on-failure'}     | ${3}              | ${'pass'}  | ${'HostConfig.RestartPolicy=on-failure:3'}
    ${'on-failure'}     | ${6}              | ${'fail'}  | ${'HostConfig.RestartPolicy=on-failure:6'}
    ${'on-failure'}     | ${0}              | ${'fail'}  | ${'HostConfig.RestartPolicy=on-failure:0 (unlimited retries)'}
    ${'always'}         | ${0}              | ${'fail'}  | ${'HostConfig.RestartPolicy=always'}
    ${'unless-stopped'} | ${0}              | ${'fail'}  | ${'HostConfig.RestartPolicy=unless-stopped'}
    ${'sometimes'}      | ${0}              | ${'error'} | ${'HostConfig.RestartPolicy=sometimes is not a known policy'}
  `('$name:$maximumRetryCount → $status', ({ name, maximumRetryCount, status, evidence }) => {
    const snapshot = makeSnapshot({
      containers: [makeContainer({ restartPolicy: { name, maximumRetryCount } })],
    });
    expect(evaluateOne(containerRestartPolicy, snapshot)).toMatchObject({ status, evidence });
  });
});
