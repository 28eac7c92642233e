import { describe, expect, it } from 'vitest';
import { makeContainer, makeSnapshot } from '../../../test/support/snapshot.js';
import { evaluateOne } from '../__fixtures__/evaluate.js';
import { containerSeccomp } from './container-seccomp.js';

describe('5.22 seccomp', () => {
  it.each`
    seccompProfile                          | isPrivileged | status    | evidence
    ${'default'}                            | ${false}     | ${'pass'} | ${'seccomp profile default'}
    ${'{"defaultAction":"SCMP_ACT_ERRNO"}'} | ${false}     | ${'pass'} | ${'seccomp profile custom (HostConfig.SecurityOpt seccomp=…)'}
    ${'unconfined'}                         | ${false}     | ${'fail'} | ${'HostConfig.SecurityOpt seccomp=unconfined'}
    ${'default'}                            | ${true}      | ${'fail'} | ${'HostConfig.Privileged=true (seccomp is not applied)'}
  `(
    '$seccompProfile privileged=$isPrivileged → $status',
    ({ seccompProfile, isPrivileged, status, evidence }) => {
      const snapshot = makeSnapshot({ containers: [makeContainer({ seccompProfile, isPrivileged })] });
      expect(evaluateOne(containerSeccomp, snapshot)).toMatchObject({ status, evidence });
    },
  );
});
