import { describe, expect, it } from 'vitest';
import { makeSnapshot } from '../../../test/support/snapshot.js';
import { evaluateOne } from '../__fixtures__/evaluate.js';
import { daemonSeccomp } from './daemon-seccomp.js';

describe('2.17 daemon-wide seccomp profile', () => {
  it.each`
    securityOptions                                      | status
    ${['name=seccomp,profile=/etc/docker/seccomp.json']} | ${'pass'}
    ${['name=apparmor', 'name=seccomp,profile=default']} | ${'manual'}
    ${['name=seccomp,profile=builtin']}                  | ${'manual'}
    ${['name=seccomp,profile=unconfined']}               | ${'fail'}
    ${['name=apparmor']}                                 | ${'manual'}
  `('$securityOptions → $status', ({ securityOptions, status }) => {
    expect(evaluateOne(daemonSeccomp, makeSnapshot({ daemon: { securityOptions } })).status).toBe(status);
  });
});
