import { describe, expect, it } from 'vitest';
import { makeContainer, makeNetwork, makeSnapshot } from '../../../test/support/snapshot.js';
import { evaluate } from '../__fixtures__/evaluate.js';
import { defineCheck } from './define-check.js';
import {
  countOf,
  eachContainer,
  fail,
  formatBytes,
  formatMount,
  onDaemon,
  pass,
  whenSwarmActive,
} from './judge.js';

const probe = defineCheck(
  {
    cisId: '0.1',
    checkId: 'probe',
    title: 'Probe',
    scope: 'container',
    severity: 'low',
    automation: 'automated',
    remediation: 'None.',
  },
  eachContainer((c) =>
    c.isPrivileged ? fail('HostConfig.Privileged=true') : pass('HostConfig.Privileged=false'),
  ),
);

describe('eachContainer', () => {
  it('judges every container whatever its state and says the state when not running', () => {
    const snapshot = makeSnapshot({
      containers: [
        makeContainer({ name: 'up' }),
        makeContainer({ id: 'c2', name: 'made', isPrivileged: true, state: 'created' }),
        makeContainer({ id: 'c3', name: 'gone', state: 'exited' }),
      ],
    });
    expect(evaluate(probe, snapshot).map((r) => [r.subject, r.status, r.evidence])).toEqual([
      [{ kind: 'container', id: makeContainer().id, name: 'up' }, 'pass', 'HostConfig.Privileged=false'],
      [{ kind: 'container', id: 'c2', name: 'made' }, 'fail', 'HostConfig.Privileged=true (state: created)'],
      [{ kind: 'container', id: 'c3', name: 'gone' }, 'pass', 'HostConfig.Privileged=false (state: exited)'],
    ]);
  });

  it('says once that there are no containers', () => {
    expect(evaluate(probe, makeSnapshot({ containers: [] })).map((r) => [r.subject.kind, r.status])).toEqual([
      ['host', 'not-applicable'],
    ]);
  });
});

describe('whenSwarmActive', () => {
  const swarmProbe = defineCheck(
    {
      cisId: '0.2',
      checkId: 'probe',
      title: 'Probe',
      scope: 'swarm',
      severity: 'low',
      automation: 'automated',
      remediation: 'None.',
    },
    whenSwarmActive(onDaemon(() => pass('looked'))),
  );

  it.each(['inactive', 'pending', 'locked', 'error'])('is not applicable when the swarm is %s', (state) => {
    const [result] = evaluate(
      swarmProbe,
      makeSnapshot({ daemon: { swarm: { state } }, networks: [makeNetwork()] }),
    );
    expect(result).toMatchObject({
      status: 'not-applicable',
      evidence: `swarm mode is not active (Swarm.LocalNodeState=${state})`,
      subject: { kind: 'daemon', name: 'dockerd' },
    });
  });

  it('runs the check when the swarm is active', () => {
    const [result] = evaluate(swarmProbe, makeSnapshot({ daemon: { swarm: { state: 'active' } } }));
    expect(result?.status).toBe('pass');
  });
});

describe('formatting', () => {
  it.each`
    bytes            | text
    ${0}             | ${'0 B'}
    ${67108864}      | ${'64 MiB'}
    ${1536}          | ${'1.5 KiB'}
    ${5 * 1024 ** 4} | ${'5 TiB'}
  `('formatBytes($bytes) = $text', ({ bytes, text }) => {
    expect(formatBytes(bytes)).toBe(text);
  });

  it('formats mounts and counts', () => {
    const mount = {
      type: 'bind',
      source: '/var/run/docker.sock',
      destination: '/var/run/docker.sock',
      isReadWrite: true,
      propagation: 'rprivate',
    };
    expect(formatMount(mount)).toBe('/var/run/docker.sock → /var/run/docker.sock (rw)');
    expect(formatMount({ ...mount, isReadWrite: false })).toBe(
      '/var/run/docker.sock → /var/run/docker.sock (ro)',
    );
    expect(countOf(1, 'image')).toBe('1 image');
    expect(countOf(2, 'process', 'processes')).toBe('2 processes');
  });
});
