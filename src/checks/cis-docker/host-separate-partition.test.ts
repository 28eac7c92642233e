import { describe, expect, it } from 'vitest';
import { makeSnapshot } from '../../../test/support/snapshot.js';
import { evaluateOne } from '../__fixtures__/evaluate.js';
import { hostSeparatePartition } from './host-separate-partition.js';

describe('1.1.1 separate partition', () => {
  it.each`
    dataRoot                                                                             | status     | evidence
    ${{ path: '/var/lib/docker', isSeparateMount: true, mountPoint: '/var/lib/docker' }} | ${'pass'}  | ${'/var/lib/docker is its own mount (/var/lib/docker)'}
    ${{ path: '/var/lib/docker', isSeparateMount: false, mountPoint: '/' }}              | ${'fail'}  | ${'/var/lib/docker is on the / filesystem, not a separate mount'}
    ${{ path: '/data/docker', isSeparateMount: false }}                                  | ${'fail'}  | ${'/data/docker is on the root filesystem, not a separate mount'}
    ${{ path: '/var/lib/docker' }}                                                       | ${'error'} | ${'could not tell whether /var/lib/docker is a separate mount'}
  `('$evidence', ({ dataRoot, status, evidence }) => {
    const result = evaluateOne(hostSeparatePartition, makeSnapshot({ host: { dataRoot } }));
    expect(result).toMatchObject({
      status,
      evidence,
      subject: { kind: 'host', id: 'host-1', name: 'docker-host' },
    });
  });
});
