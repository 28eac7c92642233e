// The CIS container checks on real engine output: inspect JSON recorded from the flawed and hardened test containers
// (test/support/record-inspect.ts), normalized as a scan would. Each check's verdict is asserted on every container:
// the flaw fails its checks, and everything the flaw does not touch keeps the hardened container's verdict.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checks } from '../../src/checks/index.js';
import { type ContainerInspect, normalizeContainer } from '../../src/collect/docker/normalize-container.js';
import type { CheckStatus } from '../../src/core/result/check-result.js';
import { makeImage, makeSnapshot } from '../support/snapshot.js';

const FIXTURES = resolve(import.meta.dirname, '../../src/checks/cis-docker/__fixtures__/inspect');

type Expected = Record<string, CheckStatus>;

/** The hardened container: read-only rootfs, user 1000, cap-drop ALL, no-new-privileges, limits, health check. */
const HARDENED: Expected = {
  '4.1': 'pass',
  // The recording host has neither AppArmor nor SELinux.
  '5.2': 'not-applicable',
  '5.3': 'not-applicable',
  '5.4': 'pass',
  '5.5': 'pass',
  '5.6': 'pass',
  '5.7': 'pass',
  '5.8': 'pass',
  // Published on 127.0.0.1:38080: a person confirms it is needed.
  '5.9': 'manual',
  '5.10': 'pass',
  '5.11': 'pass',
  '5.12': 'pass',
  '5.13': 'pass',
  '5.14': 'pass',
  '5.15': 'pass',
  '5.16': 'pass',
  '5.17': 'pass',
  '5.18': 'pass',
  '5.19': 'pass',
  '5.20': 'pass',
  '5.21': 'pass',
  '5.22': 'pass',
  '5.23': 'pass',
  '5.24': 'pass',
  '5.25': 'pass',
  '5.26': 'pass',
  '5.27': 'pass',
  '5.28': 'manual',
  '5.29': 'pass',
  '5.30': 'pass',
  '5.31': 'pass',
  '5.32': 'pass',
};

/** Flawed containers publish no port, so there is nothing for 5.9 to review. */
const NO_PORTS: Expected = { ...HARDENED, '5.9': 'not-applicable' };

const EXPECTED: Record<string, Expected> = {
  hardened: HARDENED,
  // Privileged also means every capability and device, and no seccomp; runc refused to start it, so no processes.
  privileged: {
    ...NO_PORTS,
    '5.4': 'fail',
    '5.5': 'fail',
    '5.7': 'not-applicable',
    '5.18': 'fail',
    '5.22': 'fail',
  },
  // On the host network every socket is a host port: the port checks go to a person.
  'host-network': { ...NO_PORTS, '5.8': 'manual', '5.9': 'manual', '5.10': 'fail', '5.14': 'manual' },
  'host-pid': { ...NO_PORTS, '5.16': 'fail' },
  'docker-sock': { ...NO_PORTS, '5.32': 'fail' },
  'cap-sys-admin': { ...NO_PORTS, '5.4': 'fail' },
  'no-limits': { ...NO_PORTS, '5.11': 'fail', '5.12': 'fail', '5.29': 'fail' },
  'etc-rw': { ...NO_PORTS, '5.6': 'fail' },
  'seccomp-unconfined': { ...NO_PORTS, '5.22': 'fail' },
  'apparmor-unconfined': { ...NO_PORTS, '5.2': 'fail' },
  'root-user': { ...NO_PORTS, '4.1': 'fail' },
  'privileged-port': { ...HARDENED, '5.8': 'fail', '5.14': 'fail' },
  'restart-always': { ...NO_PORTS, '5.15': 'fail' },
};

interface Recorded extends ContainerInspect {
  Path?: string;
  Args?: string[];
}

function load(flaw: string): Recorded {
  return JSON.parse(readFileSync(join(FIXTURES, `${flaw}.json`), 'utf8')) as Recorded;
}

/** What a scan sees: the normalized container, its busybox image (root, no health check), this host's engine. */
function snapshotOf(raw: Recorded) {
  // The recorded containers run `sleep 3600`; a running one's process list is its command line.
  const processes = raw.State?.Status === 'running' ? [[raw.Path, ...(raw.Args ?? [])].join(' ')] : undefined;
  const container = normalizeContainer(raw, processes ? { processes } : {});
  return makeSnapshot({
    daemon: { securityOptions: ['name=seccomp,profile=default'] },
    images: [
      makeImage({
        id: container.imageId,
        repoTags: ['cgtest-record-busybox:1'],
        user: '',
        hasHealthCheck: false,
      }),
    ],
    containers: [container],
  });
}

function containerVerdicts(raw: Recorded): Expected {
  const snapshot = snapshotOf(raw);
  const verdicts: Expected = {};
  for (const check of Object.values(checks)) {
    for (const result of check.evaluate(snapshot)) {
      if (result.subject.kind === 'container' && result.cisId) verdicts[result.cisId] = result.status;
    }
  }
  return verdicts;
}

describe('CIS checks on recorded inspect output', () => {
  it('has a recording for every test container', () => {
    const recorded = readdirSync(FIXTURES)
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.replace(/\.json$/, ''));
    expect(recorded.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))('%s', (flaw, expected) => {
    expect(containerVerdicts(load(flaw))).toEqual(expected);
  });

  it.each`
    flaw                     | cisId     | evidence
    ${'privileged'}          | ${'5.5'}  | ${'HostConfig.Privileged=true (state: created)'}
    ${'host-network'}        | ${'5.10'} | ${'HostConfig.NetworkMode=host'}
    ${'host-pid'}            | ${'5.16'} | ${'HostConfig.PidMode=host'}
    ${'docker-sock'}         | ${'5.32'} | ${'Mounts: /var/run/docker.sock → /var/run/docker.sock (rw)'}
    ${'cap-sys-admin'}       | ${'5.4'}  | ${'HostConfig.CapAdd=[CAP_SYS_ADMIN] CapDrop=[ALL] (beyond the default set: CAP_SYS_ADMIN)'}
    ${'no-limits'}           | ${'5.11'} | ${'HostConfig.Memory=0 (unlimited)'}
    ${'no-limits'}           | ${'5.29'} | ${'HostConfig.PidsLimit=null (unlimited)'}
    ${'etc-rw'}              | ${'5.6'}  | ${'Mounts: /etc → /host/etc (rw)'}
    ${'seccomp-unconfined'}  | ${'5.22'} | ${'HostConfig.SecurityOpt seccomp=unconfined'}
    ${'apparmor-unconfined'} | ${'5.2'}  | ${'AppArmorProfile=unconfined'}
    ${'root-user'}           | ${'4.1'}  | ${"Config.User='' (root by default)"}
    ${'privileged-port'}     | ${'5.8'}  | ${'HostConfig.PortBindings: 0.0.0.0:80→80/tcp'}
    ${'privileged-port'}     | ${'5.14'} | ${'HostConfig.PortBindings: 0.0.0.0:80→80/tcp (all interfaces)'}
    ${'restart-always'}      | ${'5.15'} | ${'HostConfig.RestartPolicy=always'}
  `(
    '$flaw: $cisId evidence is "$evidence"',
    ({ flaw, cisId, evidence }: { flaw: string; cisId: string; evidence: string }) => {
      const snapshot = snapshotOf(load(flaw));
      const result = [...(checks[`cis-docker-${cisId}`]?.evaluate(snapshot) ?? [])].find(
        (r) => r.subject.kind === 'container',
      );
      expect(result).toMatchObject({ status: 'fail', evidence, subject: { name: `cgtest-record-${flaw}` } });
    },
  );

  it('keeps no environment value from the recordings', () => {
    const snapshot = snapshotOf(load('hardened'));
    expect(JSON.stringify(snapshot)).not.toContain('do-not-store');
    expect(snapshot.containers[0]?.envNames).toContain('COASTGUARD_TEST_SECRET');
  });
});
