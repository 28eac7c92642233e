import { describe, expect, it } from 'vitest';
import { makeContainer, makeSnapshot } from '../../../test/support/snapshot.js';
import { evaluateOne } from '../__fixtures__/evaluate.js';
import { containerNoNewPrivileges } from './container-no-new-privileges.js';

describe('5.26 no-new-privileges', () => {
  it.each`
    hasNoNewPrivileges | daemonDefault | configErrors  | status
    ${true}            | ${undefined}  | ${[]}         | ${'pass'}
    ${false}           | ${true}       | ${[]}         | ${'pass'}
    ${false}           | ${'true'}     | ${[]}         | ${'pass'}
    ${false}           | ${false}      | ${[]}         | ${'fail'}
    ${false}           | ${undefined}  | ${[]}         | ${'fail'}
    ${false}           | ${undefined}  | ${['EACCES']} | ${'error'}
    ${true}            | ${undefined}  | ${['EACCES']} | ${'pass'}
  `(
    'container $hasNoNewPrivileges, daemon default $daemonDefault, errors $configErrors → $status',
    ({ hasNoNewPrivileges, daemonDefault, configErrors, status }) => {
      const snapshot = makeSnapshot({
        daemon: { options: { 'no-new-privileges': daemonDefault }, configErrors },
        containers: [makeContainer({ hasNoNewPrivileges })],
      });
      expect(evaluateOne(containerNoNewPrivileges, snapshot).status).toBe(status);
    },
  );
});
