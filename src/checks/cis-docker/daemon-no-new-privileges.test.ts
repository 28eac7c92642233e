import { describe, expect, it } from 'vitest';
import { makeSnapshot } from '../../../test/support/snapshot.js';
import { evaluateOne } from '../__fixtures__/evaluate.js';
import { daemonNoNewPrivileges } from './daemon-no-new-privileges.js';

describe('2.14 no-new-privileges default', () => {
  it.each`
    value        | status    | evidence
    ${true}      | ${'pass'} | ${'no-new-privileges=true'}
    ${false}     | ${'fail'} | ${'no-new-privileges=false'}
    ${undefined} | ${'fail'} | ${'no-new-privileges not set in daemon.json or dockerd flags (default false)'}
  `('$value → $status', ({ value, status, evidence }) => {
    const snapshot = makeSnapshot({ daemon: { options: { 'no-new-privileges': value } } });
    expect(evaluateOne(daemonNoNewPrivileges, snapshot)).toMatchObject({ status, evidence });
  });
});
