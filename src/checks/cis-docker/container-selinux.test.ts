import { describe, expect, it } from 'vitest';
import { makeContainer, makeSnapshot } from '../../../test/support/snapshot.js';
import { evaluateOne } from '../__fixtures__/evaluate.js';
import { containerSelinux } from './container-selinux.js';

describe('5.3 SELinux options', () => {
  it.each`
    selinuxOptions                   | isPrivileged | hostOptions          | status
    ${[]}                            | ${false}     | ${['name=selinux']}  | ${'pass'}
    ${['label=type:svirt_apache_t']} | ${false}     | ${['name=selinux']}  | ${'pass'}
    ${['label=disable']}             | ${false}     | ${['name=selinux']}  | ${'fail'}
    ${['label:disable']}             | ${false}     | ${['name=selinux']}  | ${'fail'}
    ${[]}                            | ${true}      | ${['name=selinux']}  | ${'fail'}
    ${['label=disable']}             | ${false}     | ${['name=apparmor']} | ${'not-applicable'}
  `(
    '$selinuxOptions privileged=$isPrivileged on $hostOptions → $status',
    ({ selinuxOptions, isPrivileged, hostOptions, status }) => {
      const snapshot = makeSnapshot({
        daemon: { securityOptions: hostOptions },
        containers: [makeContainer({ selinuxOptions, isPrivileged })],
      });
      expect(evaluateOne(containerSelinux, snapshot).status).toBe(status);
    },
  );
});
