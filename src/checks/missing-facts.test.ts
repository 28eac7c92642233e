// A fact the collector could not read must never turn into a pass: each check that needs it reports `error` with
// the reason.
import { describe, expect, it } from 'vitest';
import { makeContainer, makeHostFiles, makeImage, makeSnapshot } from '../../test/support/snapshot.js';
import { checks } from './index.js';

const degraded = makeSnapshot({
  host: {
    auditRules: { isAvailable: false, rules: [], sources: [], errors: ['auditctl: permission denied'] },
    files: makeHostFiles().map((f) => ({ ...f, error: 'EACCES: permission denied' })),
    dataRoot: { path: '/var/lib/docker' },
  },
  daemon: {
    options: Object.fromEntries(
      [
        'icc',
        'log-level',
        'iptables',
        'no-new-privileges',
        'userland-proxy',
        'default-ulimits',
        'hosts',
        'tlsverify',
        'tlscacert',
        'tlscert',
        'tlskey',
      ].map((k) => [k, undefined]),
    ),
    configSources: {},
    configErrors: ['/etc/docker/daemon.json: EACCES: permission denied'],
    storageDriver: '',
    loggingDriver: '',
    serverVersion: '',
    swarm: { state: 'active', isManager: true },
  },
  networks: [],
  images: [makeImage({ history: [] })],
  containers: [makeContainer({ processes: undefined, hasNoNewPrivileges: false })],
});

const NEEDS_MISSING_FACT = [
  '1.1.1',
  ...Array.from({ length: 16 }, (_, i) => `1.1.${i + 3}`),
  '1.2.2',
  '2.2',
  '2.3',
  '2.4',
  '2.6',
  '2.7',
  '2.8',
  '2.13',
  '2.14',
  '2.16',
  ...Array.from({ length: 24 }, (_, i) => `3.${i + 1}`),
  '4.7',
  '4.9',
  '5.7',
  '5.26',
  '7.1',
  '7.5',
];

describe('missing facts', () => {
  it.each(NEEDS_MISSING_FACT)('%s reports error with a reason, never pass', (cisId) => {
    const check = checks[`cis-docker-${cisId}`];
    if (!check) throw new Error(`no check ${cisId}`);
    const results = [...check.evaluate(degraded)];
    expect(results.length).toBeGreaterThan(0);
    for (const result of results) {
      expect(result.status).toBe('error');
      expect(result.evidence.length).toBeGreaterThan(10);
    }
  });

  it.each`
    cisId      | reason
    ${'1.1.3'} | ${'audit rules unavailable: auditctl: permission denied'}
    ${'2.3'}   | ${'daemon configuration unreadable: /etc/docker/daemon.json: EACCES: permission denied'}
    ${'3.2'}   | ${'/lib/systemd/system/docker.service: EACCES: permission denied'}
    ${'4.7'}   | ${'image history not available'}
    ${'5.7'}   | ${'process list could not be read (docker top)'}
  `('$cisId names the reason', ({ cisId, reason }: { cisId: string; reason: string }) => {
    const [result] = [...(checks[`cis-docker-${cisId}`]?.evaluate(degraded) ?? [])];
    expect(result?.evidence).toContain(reason);
  });
});
