import { describe, expect, it } from 'vitest';
import { makeContainer, makeSnapshot } from '../../../test/support/snapshot.js';
import type { ExecSession } from '../../core/inventory/container.js';
import { evaluateOne } from '../__fixtures__/evaluate.js';
import { containerExecPrivileged, containerExecRoot } from './container-exec.js';

function exec(overrides: Partial<ExecSession>): ExecSession {
  return { id: 'e0e0e0e0e0e0e0e0', isPrivileged: false, user: '', command: ['sh', '-c', 'id'], ...overrides };
}

function withExecs(execs: ExecSession[]) {
  return makeSnapshot({ containers: [makeContainer({ execs })] });
}

describe('5.23 privileged exec', () => {
  it('fails on a privileged exec session and names it', () => {
    const result = evaluateOne(containerExecPrivileged, withExecs([exec({ isPrivileged: true })]));
    expect(result).toMatchObject({ status: 'fail', evidence: 'exec e0e0e0e0e0e0 privileged: sh -c id' });
  });

  it('passes on the sessions the engine holds and says that is all it can see', () => {
    const result = evaluateOne(containerExecPrivileged, withExecs([exec({})]));
    expect(result.status).toBe('pass');
    expect(result.evidence).toContain('among 1 exec session the engine still holds');
  });
});

describe('5.24 exec as root', () => {
  it.each`
    user      | status
    ${'root'} | ${'fail'}
    ${'0:0'}  | ${'fail'}
    ${'1000'} | ${'pass'}
    ${''}     | ${'pass'}
  `('--user "$user" → $status', ({ user, status }) => {
    expect(evaluateOne(containerExecRoot, withExecs([exec({ user })])).status).toBe(status);
  });
});
