import { describe, expect, it } from 'vitest';
import { makeSnapshot } from '../../../test/support/snapshot.js';
import { evaluateOne } from '../__fixtures__/evaluate.js';
import { daemonUserns } from './daemon-userns.js';

describe('2.9 user namespace remapping', () => {
  it.each`
    securityOptions                                      | isRootless | status
    ${['name=seccomp,profile=default', 'name=userns']}   | ${false}   | ${'pass'}
    ${['name=seccomp,profile=default', 'name=rootless']} | ${true}    | ${'pass'}
    ${['name=seccomp,profile=default']}                  | ${false}   | ${'fail'}
    ${[]}                                                | ${false}   | ${'fail'}
  `('$securityOptions → $status', ({ securityOptions, isRootless, status }) => {
    // The engine's SecurityOptions decide, whatever daemon.json claims.
    const snapshot = makeSnapshot({
      daemon: { securityOptions, isRootless, options: { 'userns-remap': 'default' } },
    });
    expect(evaluateOne(daemonUserns, snapshot).status).toBe(status);
  });
});
