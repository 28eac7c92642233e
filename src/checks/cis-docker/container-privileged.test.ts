import { describe, expect, it } from 'vitest';
import { makeContainer, makeSnapshot } from '../../../test/support/snapshot.js';
import { evaluateOne } from '../__fixtures__/evaluate.js';
import { containerPrivileged } from './container-privileged.js';

describe('5.5 privileged containers', () => {
  it.each`
    isPrivileged | state        | status    | evidence
    ${false}     | ${'running'} | ${'pass'} | ${'HostConfig.Privileged=false'}
    ${true}      | ${'running'} | ${'fail'} | ${'HostConfig.Privileged=true'}
    ${true}      | ${'created'} | ${'fail'} | ${'HostConfig.Privileged=true (state: created)'}
  `('privileged=$isPrivileged ($state) → $status', ({ isPrivileged, state, status, evidence }) => {
    const snapshot = makeSnapshot({ containers: [makeContainer({ isPrivileged, state })] });
    expect(evaluateOne(containerPrivileged, snapshot)).toMatchObject({
      status,
      evidence,
      subject: { name: 'web' },
    });
  });
});
