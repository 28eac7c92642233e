import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeContainer, makeImage, makeNetwork, makeSnapshot } from '../../test/support/snapshot.js';
import type { Check } from '../core/check/check.js';
import { SEVERITIES } from '../core/result/severity.js';
import { checks, compareCisIds, listChecks, runChecks } from './index.js';

// The shared compliance data is the source of the facts we copied; the product never reads it, this test does.
const SHARED = resolve(import.meta.dirname, '../../../shared/compliance');

interface FrameworkControl {
  id: string;
  title: string;
  coastguardAutomatable: 'yes' | 'partial' | 'no';
}
interface MappedCheck {
  id: string;
  severity: string;
  cisDocker?: string[];
}

const framework = JSON.parse(readFileSync(`${SHARED}/frameworks/cis-docker-1.6.0.json`, 'utf8')) as {
  controls: FrameworkControl[];
};
const mapping = JSON.parse(readFileSync(`${SHARED}/mappings/checks.json`, 'utf8')) as {
  checks: MappedCheck[];
};

function stableIdsFor(cisId: string): MappedCheck[] {
  return mapping.checks.filter((c) => c.cisDocker?.includes(cisId));
}

const all = Object.values(checks);

/** A snapshot with a container, an image and an active swarm with an overlay network, so every check emits. */
const busySnapshot = makeSnapshot({
  daemon: { swarm: { state: 'active', isManager: true, managers: 3, nodes: 5, isAutoLockEnabled: true } },
  networks: [makeNetwork({ id: 'ov1', name: 'overlay-a', driver: 'overlay', scope: 'swarm' })],
  containers: [makeContainer(), makeContainer({ id: 'c2', name: 'stopped', state: 'exited' })],
  images: [makeImage(), makeImage({ id: 'sha256:other', repoTags: [] })],
});

describe('check registry', () => {
  it('keys equal ids and ids are unique', () => {
    for (const [key, check] of Object.entries(checks)) expect(check.id).toBe(key);
    expect(new Set(all.map((c) => c.id)).size).toBe(all.length);
  });

  it('holds every CIS Docker 1.6.0 recommendation exactly once, and nothing else', () => {
    const expected = framework.controls.map((c) => c.id).sort(compareCisIds);
    const actual = all.map((c) => c.cisId);
    expect(actual).toEqual(expected);
    expect(all.map((c) => c.id)).toEqual(expected.map((id) => `cis-docker-${id}`));
  });

  it.each(framework.controls.map((c) => [c.id, c] as const))(
    '%s: title and mapping agree with the shared data',
    (cisId, control) => {
      const check = checks[`cis-docker-${cisId}`] as Check & { containerCheckId?: string };
      expect(check.title).toBe(control.title);
      const mapped = stableIdsFor(cisId);
      if (mapped.length === 0) {
        expect(check.checkId).toBe(`cis-docker-${cisId}`);
        return;
      }
      const own = mapped.find((m) => m.id === check.checkId);
      expect(own, `${check.checkId} is not mapped to ${cisId}`).toBeDefined();
      expect(check.severity).toBe(own?.severity);
      if (check.containerCheckId) {
        const forContainers = mapped.find((m) => m.id === check.containerCheckId);
        expect(forContainers?.severity).toBe(check.severity);
      }
    },
  );

  it('marks recommendations that need human judgement as manual', () => {
    const attestations = framework.controls.filter((c) => c.coastguardAutomatable === 'no').map((c) => c.id);
    // Decidable in part: no ulimit override and no custom cgroup parent pass; a verification bypass in the build
    // history fails. Everything else about them goes to a person.
    const decidable = new Set(['4.11', '5.19', '5.25']);
    for (const cisId of attestations.filter((id) => !decidable.has(id))) {
      expect(checks[`cis-docker-${cisId}`]?.automation, cisId).toBe('manual');
    }
  });

  it('gives every check a one-line remediation and a known severity', () => {
    for (const check of all) {
      expect(check.remediation.trim(), check.id).not.toBe('');
      expect(check.remediation, check.id).not.toContain('\n');
      expect(SEVERITIES).toContain(check.severity);
    }
  });

  it("every result a check emits carries that check's ids, title, severity and remediation", () => {
    for (const check of all) {
      const results = [...check.evaluate(busySnapshot)];
      expect(results.length, check.id).toBeGreaterThan(0);
      const containerCheckId = (check as Check & { containerCheckId?: string }).containerCheckId;
      for (const result of results) {
        const expectedId =
          result.subject.kind === 'container' && containerCheckId ? containerCheckId : check.checkId;
        expect(result.checkId, check.id).toBe(expectedId);
        expect(result.cisId).toBe(check.cisId);
        expect(result.title).toBe(check.title);
        expect(result.severity).toBe(check.severity);
        expect(result.remediation).toBe(check.remediation);
        expect(result.evidence.trim(), check.id).not.toBe('');
        if (result.cisId) expect(stableIdsFor(result.cisId).map((m) => m.id)).toContain(result.checkId);
      }
    }
  });

  it('a manual check never decides pass or fail on a busy host', () => {
    for (const check of all.filter((c) => c.automation === 'manual')) {
      for (const result of check.evaluate(busySnapshot)) {
        expect(['manual', 'not-applicable', 'fail'], `${check.id}: ${result.status}`).toContain(
          result.status,
        );
        expect(result.status, check.id).not.toBe('pass');
      }
    }
  });
});

describe('runChecks', () => {
  it('runs every check and emits per-subject results', () => {
    const results = runChecks(busySnapshot);
    const container55 = results.filter((r) => r.cisId === '5.5');
    expect(container55.map((r) => r.subject.name)).toEqual(['web', 'stopped']);
    expect(new Set(results.map((r) => r.cisId)).size).toBe(all.length);
  });

  it('turns a check that throws into one error result naming it, and keeps running the others', () => {
    const broken: Check = {
      id: 'cis-docker-9.9',
      checkId: 'cis-docker-9.9',
      cisId: '9.9',
      title: 'A broken check',
      scope: 'container',
      severity: 'high',
      automation: 'automated',
      remediation: 'Fix the check.',
      *evaluate() {
        yield* [];
        throw new Error('boom');
      },
    };
    const healthy = checks['cis-docker-5.5'];
    if (!healthy) throw new Error('5.5 missing');
    const results = runChecks(makeSnapshot(), { [broken.id]: broken, [healthy.id]: healthy });
    expect(results).toHaveLength(2);
    expect(results[0]).toMatchObject({
      checkId: 'cis-docker-9.9',
      cisId: '9.9',
      status: 'error',
      severity: 'high',
      subject: { kind: 'host', id: 'host-1', name: 'docker-host' },
    });
    expect(results[0]?.evidence).toContain('cis-docker-9.9');
    expect(results[0]?.evidence).toContain('boom');
    expect(results[1]).toMatchObject({ cisId: '5.5', status: 'pass' });
  });

  it('discards the partial output of a check that throws midway', () => {
    const partial: Check = {
      id: 'half',
      checkId: 'half',
      title: 'Half a check',
      scope: 'host',
      severity: 'low',
      automation: 'automated',
      remediation: 'Finish it.',
      *evaluate(snapshot) {
        yield {
          checkId: 'half',
          title: 'Half a check',
          status: 'pass',
          severity: 'low',
          subject: { kind: 'host', id: snapshot.host.id, name: snapshot.host.hostname },
          evidence: 'looked fine',
          remediation: 'Finish it.',
        };
        throw 'not an Error';
      },
    };
    const results = runChecks(makeSnapshot(), { half: partial });
    expect(results).toHaveLength(1);
    expect(results[0]?.status).toBe('error');
    expect(results[0]?.evidence).toContain('not an Error');
    expect(results[0]).not.toHaveProperty('cisId');
  });
});

describe('listChecks', () => {
  it('lists every check in benchmark order with its catalogue fields', () => {
    const listed = listChecks();
    expect(listed).toHaveLength(all.length);
    expect(listed.map((c) => c.cisId)).toEqual(framework.controls.map((c) => c.id).sort(compareCisIds));
    expect(listed.find((c) => c.cisId === '5.5')).toEqual({
      id: 'cis-docker-5.5',
      checkId: 'container-privileged',
      cisId: '5.5',
      title: 'Ensure that privileged containers are not used',
      scope: 'container',
      severity: 'critical',
      automation: 'automated',
    });
    expect(listed.find((c) => c.cisId === '4.1')).toMatchObject({
      checkId: 'image-runs-as-root',
      containerCheckId: 'container-runs-as-root',
    });
  });

  it.each`
    a          | b           | order
    ${'1.1.9'} | ${'1.1.10'} | ${-1}
    ${'5.4'}   | ${'5.32'}   | ${-1}
    ${'2.1'}   | ${'1.2.2'}  | ${1}
    ${'1.1'}   | ${'1.1.1'}  | ${-1}
    ${'7.3'}   | ${'7.3'}    | ${0}
  `('compareCisIds($a, $b) has sign $order', ({ a, b, order }: { a: string; b: string; order: number }) => {
    expect(Math.sign(compareCisIds(a, b))).toBe(order);
  });
});
