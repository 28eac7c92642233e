import { describe, expect, it } from 'vitest';
import { makeContainer, makeSnapshot } from '../../../test/support/snapshot.js';
import { evaluateOne } from '../__fixtures__/evaluate.js';
import { containerReadonlyRootfs } from './container-readonly-rootfs.js';

describe('5.13 read-only root filesystem', () => {
  it.each`
    isReadOnlyRootfs | status    | evidence
    ${true}          | ${'pass'} | ${'HostConfig.ReadonlyRootfs=true'}
    ${false}         | ${'fail'} | ${'HostConfig.ReadonlyRootfs=false'}
  `('$isReadOnlyRootfs → $status', ({ isReadOnlyRootfs, status, evidence }) => {
    const snapshot = makeSnapshot({ containers: [makeContainer({ isReadOnlyRootfs })] });
    expect(evaluateOne(containerReadonlyRootfs, snapshot)).toMatchObject({ status, evidence });
  });
});
