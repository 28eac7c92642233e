import { describe, expect, it } from 'vitest';
import { makeContainer, makeSnapshot } from '../../../test/support/snapshot.js';
import { evaluateOne } from '../__fixtures__/evaluate.js';
import { containerRuntimeSocket } from './container-runtime-socket.js';

describe('5.32 runtime socket', () => {
  it.each`
    source                               | isReadWrite | status
    ${'/var/run/docker.sock'}            | ${true}     | ${'fail'}
    ${'/run/docker.sock'}                | ${false}    | ${'fail'}
    ${'/run/containerd/containerd.sock'} | ${true}     | ${'fail'}
    ${'/var/run'}                        | ${true}     | ${'fail'}
    ${'/run/'}                           | ${false}    | ${'fail'}
    ${'/srv/docker.sockets'}             | ${true}     | ${'pass'}
    ${'/var/lib/app'}                    | ${true}     | ${'pass'}
  `('$source (rw=$isReadWrite) → $status', ({ source, isReadWrite, status }) => {
    const mounts = [{ type: 'bind', source, destination: '/mnt/x', isReadWrite, propagation: 'rprivate' }];
    expect(
      evaluateOne(containerRuntimeSocket, makeSnapshot({ containers: [makeContainer({ mounts })] })).status,
    ).toBe(status);
  });

  it('shows the mount as seen', () => {
    const mounts = [
      {
        type: 'bind',
        source: '/var/run/docker.sock',
        destination: '/var/run/docker.sock',
        isReadWrite: true,
        propagation: '',
      },
    ];
    const result = evaluateOne(
      containerRuntimeSocket,
      makeSnapshot({ containers: [makeContainer({ mounts })] }),
    );
    expect(result.evidence).toBe('Mounts: /var/run/docker.sock → /var/run/docker.sock (rw)');
  });
});
