import { describe, expect, it } from 'vitest';
import { makeContainer, makeSnapshot } from '../../../test/support/snapshot.js';
import { evaluateOne } from '../__fixtures__/evaluate.js';
import { containerMountPropagation } from './container-mount-propagation.js';

describe('5.20 mount propagation', () => {
  it.each`
    propagation   | status    | evidence
    ${'rshared'}  | ${'fail'} | ${'Mounts: /mnt → /mnt (rw) propagation rshared'}
    ${'shared'}   | ${'fail'} | ${'Mounts: /mnt → /mnt (rw) propagation shared'}
    ${'rslave'}   | ${'pass'} | ${'no shared propagation on 1 mount'}
    ${'rprivate'} | ${'pass'} | ${'no shared propagation on 1 mount'}
    ${''}         | ${'pass'} | ${'no shared propagation on 1 mount'}
  `('$propagation → $status', ({ propagation, status, evidence }) => {
    const mounts = [{ type: 'bind', source: '/mnt', destination: '/mnt', isReadWrite: true, propagation }];
    const result = evaluateOne(
      containerMountPropagation,
      makeSnapshot({ containers: [makeContainer({ mounts })] }),
    );
    expect(result).toMatchObject({ status, evidence });
  });

  it('passes a container without mounts', () => {
    const result = evaluateOne(
      containerMountPropagation,
      makeSnapshot({ containers: [makeContainer({ mounts: [] })] }),
    );
    expect(result).toMatchObject({ status: 'pass', evidence: 'no mounts' });
  });
});
