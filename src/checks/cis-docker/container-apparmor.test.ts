import { describe, expect, it } from 'vitest';
import { makeContainer, makeSnapshot } from '../../../test/support/snapshot.js';
import { evaluateOne } from '../__fixtures__/evaluate.js';
import { containerApparmor } from './container-apparmor.js';

describe('5.2 AppArmor profile', () => {
  it.each`
    profile             | hostOptions                         | status              | evidence
    ${'docker-default'} | ${['name=apparmor']}                | ${'pass'}           | ${'AppArmorProfile=docker-default'}
    ${'unconfined'}     | ${['name=apparmor']}                | ${'fail'}           | ${'AppArmorProfile=unconfined'}
    ${'unconfined'}     | ${['name=seccomp,profile=default']} | ${'fail'}           | ${'AppArmorProfile=unconfined'}
    ${''}               | ${['name=apparmor']}                | ${'fail'}           | ${"AppArmorProfile='' (no profile applied although the host supports AppArmor)"}
    ${''}               | ${['name=seccomp,profile=default']} | ${'not-applicable'} | ${"AppArmorProfile='' and the host has no AppArmor (no name=apparmor in SecurityOptions)"}
  `('profile "$profile" on $hostOptions → $status', ({ profile, hostOptions, status, evidence }) => {
    const snapshot = makeSnapshot({
      daemon: { securityOptions: hostOptions },
      containers: [makeContainer({ appArmorProfile: profile })],
    });
    expect(evaluateOne(containerApparmor, snapshot)).toMatchObject({ status, evidence });
  });
});
