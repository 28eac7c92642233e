import { describe, expect, it } from 'vitest';
import type { Alert } from '../../core/runtime/alert.js';
import { RunbooksConfig } from './config.js';
import { matchesGlob, matchRunbooks, refusalReason } from './match.js';
import { ownContainerIdFrom } from './self.js';

const ID = 'a'.repeat(64);

function alert(rule: string, priority: Alert['priority'], tags: string[] = []): Alert {
  return {
    time: '2026-11-22T00:00:00.000Z',
    rule,
    priority,
    output: '',
    tags,
    container: { id: ID, name: 'web', image: 'nginx' },
    fields: {},
  };
}

const config = RunbooksConfig.parse({
  neverActOn: { containers: ['db-*'], images: ['registry.local/payments/*'], labels: { tier: 'critical' } },
  list: [
    {
      name: 'by-rule',
      when: { rules: ['Crypto miner*', 'Shell in container'] },
      steps: [{ action: 'pause' }],
    },
    { name: 'by-priority', when: { minPriority: 'error' }, steps: [{ action: 'pause' }] },
    { name: 'by-tag', when: { tags: ['mitre_execution'] }, steps: [{ action: 'pause' }] },
    {
      name: 'all-three',
      when: { rules: ['*'], minPriority: 'warning', tags: ['t'] },
      steps: [{ action: 'pause' }],
    },
  ],
});

describe('runbook matching', () => {
  it.each`
    glob         | value                  | isMatch
    ${'Crypto*'} | ${'crypto miner seen'} | ${true}
    ${'a?c'}     | ${'abc'}               | ${true}
    ${'a?c'}     | ${'abbc'}              | ${false}
    ${'a.c'}     | ${'abc'}               | ${false}
    ${'(x)+'}    | ${'(x)+'}              | ${true}
    ${'exact'}   | ${'exact and more'}    | ${false}
  `('glob $glob on $value: $isMatch', ({ glob, value, isMatch }) => {
    expect(matchesGlob(value, [glob])).toBe(isMatch);
  });

  it.each`
    rule                    | priority      | tags                   | names
    ${'Crypto miner found'} | ${'notice'}   | ${[]}                  | ${['by-rule']}
    ${'shell in container'} | ${'debug'}    | ${[]}                  | ${['by-rule']}
    ${'Other'}              | ${'critical'} | ${[]}                  | ${['by-priority']}
    ${'Other'}              | ${'warning'}  | ${[]}                  | ${[]}
    ${'Other'}              | ${'debug'}    | ${['mitre_execution']} | ${['by-tag']}
    ${'Other'}              | ${'warning'}  | ${['t']}               | ${['all-three']}
    ${'Other'}              | ${'notice'}   | ${['t']}               | ${[]}
  `('$rule at $priority with $tags triggers $names', ({ rule, priority, tags, names }) => {
    expect(matchRunbooks(alert(rule, priority, tags), config.list).map((r) => r.name)).toEqual(names);
  });
});

describe('containers never acted on', () => {
  const facts = { id: ID, name: 'web', image: 'nginx:1', labels: {} as Record<string, string> };

  it('lets an ordinary container through', () => {
    expect(refusalReason(facts, config.neverActOn, null)).toBeUndefined();
  });

  it.each`
    case                 | change                                            | reason
    ${'own container'}   | ${{}}                                             | ${/own container/}
    ${'protected label'} | ${{ labels: { 'coastguard.protected': 'true' } }} | ${/coastguard.protected=true/}
    ${'name'}            | ${{ name: 'db-main' }}                            | ${/name db-main/}
    ${'image'}           | ${{ image: 'registry.local/payments/api:2' }}     | ${/image registry.local/}
    ${'label'}           | ${{ labels: { tier: 'critical' } }}               | ${/label tier=critical/}
  `('refuses by $case', ({ case: kind, change, reason }) => {
    const own = kind === 'own container' ? ID : null;
    expect(refusalReason({ ...facts, ...change }, config.neverActOn, own)).toMatch(reason);
  });

  it('does not refuse on a protected label with another value', () => {
    expect(
      refusalReason({ ...facts, labels: { 'coastguard.protected': 'false' } }, config.neverActOn, null),
    ).toBeUndefined();
  });
});

describe('own container detection', () => {
  it('reads the id from a cgroup v1 path', () => {
    expect(ownContainerIdFrom(`12:pids:/docker/${ID}\n0::/\n`, '')).toBe(ID);
  });

  it('reads the id from the hostname mount under a private cgroup namespace', () => {
    const mountinfo = `612 590 254:1 /var/lib/docker/containers/${ID}/hostname /etc/hostname rw,relatime - ext4 /dev/vda1 rw\n`;
    expect(ownContainerIdFrom('0::/\n', mountinfo)).toBe(ID);
  });

  it('is null on the host', () => {
    expect(ownContainerIdFrom('0::/init.scope\n', '22 1 0:21 / /proc rw - proc proc rw\n')).toBeNull();
  });
});
