import { describe, expect, it } from 'vitest';
import { makeContainer, makeImage, makeSnapshot } from '../../test/support/snapshot.js';
import type { Attestation } from '../core/compliance/attestation.js';
import type { ControlEvaluation } from '../core/compliance/control-status.js';
import type { CheckMapping, Framework, Responsibility } from '../core/compliance/framework.js';
import type { Waiver } from '../core/compliance/waiver.js';
import type { CheckResult, CheckStatus, Subject } from '../core/result/check-result.js';
import { type EvaluationInput, evaluateFramework } from './evaluate.js';
import { loadFramework } from './frameworks/index.js';
import { loadMapping } from './mappings/index.js';
import { indexSubjects } from './waivers.js';

const HOST: Subject = { kind: 'host', id: 'h1', name: 'host-1' };
const web = (n: number): Subject => ({ kind: 'container', id: `c${n}`, name: `web-${n}` });

const FRAMEWORK: Framework = {
  id: 'test-fw',
  name: 'Test',
  version: '1',
  publisher: 'us',
  scope: 'tests',
  notes: [],
  mappingId: 'test-fw',
  controls: ['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7'].map((id) => ({
    id,
    title: `Control ${id}`,
    group: { id: 'G', title: 'Group' },
    description: 'd',
  })),
};

function mapped(
  checkId: string,
  controls: string[],
  responsibility: Responsibility = 'customer',
  isImplemented = true,
): CheckMapping {
  return {
    checkId,
    title: checkId,
    automation: 'automated',
    isImplemented,
    controls: { 'test-fw': controls },
    responsibility: {
      'self-hosted': 'customer',
      ec2: 'customer',
      'ecs-ec2': 'customer',
      eks: 'customer',
      'ecs-fargate': responsibility,
      'eks-fargate': responsibility,
    },
  };
}

const MAPPING: CheckMapping[] = [
  mapped('privileged', ['C1', 'C2']),
  mapped('readonly', ['C2', 'C3']),
  mapped('host-files', ['C4'], 'aws'),
  mapped('not-yet', ['C5'], 'customer', false),
  mapped('swarm-only', ['C6'], 'n/a'),
];

function result(checkId: string, status: CheckStatus, subject: Subject = HOST): CheckResult {
  return { checkId, title: checkId, status, severity: 'high', subject, evidence: 'e', remediation: 'r' };
}

const NO_FACTS = () => ({ images: [], labels: {} });

function evaluate(
  results: CheckResult[],
  extra: Partial<EvaluationInput> = {},
): Map<string, ControlEvaluation> {
  const controls = evaluateFramework({
    framework: FRAMEWORK,
    mapping: MAPPING,
    results,
    subjects: NO_FACTS,
    platform: 'self-hosted',
    now: '2026-06-01T00:00:00Z',
    ...extra,
  });
  return new Map(controls.map((c) => [c.id, c]));
}

describe('evaluateFramework statuses', () => {
  it('satisfied when every mapped automated result passes; lists the subjects that passed', () => {
    const c1 = evaluate([result('privileged', 'pass', web(1)), result('privileged', 'pass', web(2))]).get(
      'C1',
    );
    expect(c1?.status).toBe('satisfied');
    expect(c1?.checks).toEqual([
      expect.objectContaining({ checkId: 'privileged', pass: 2, fail: 0, evidence: 'automated' }),
    ]);
    expect(c1?.subjects.map((s) => s.name)).toEqual(['web-1', 'web-2']);
  });

  it('partially when some results fail and some pass, across checks or subjects', () => {
    const byControl = evaluate([
      result('privileged', 'fail', web(1)),
      result('privileged', 'pass', web(2)),
      result('readonly', 'pass', web(1)),
    ]);
    expect(byControl.get('C1')?.status).toBe('partially');
    expect(byControl.get('C2')?.status).toBe('partially');
    expect(byControl.get('C2')?.subjects).toEqual([web(1)]);
    expect(byControl.get('C3')?.status).toBe('satisfied');
  });

  it('not-satisfied when every result fails; an error counts as a failure, never as a pass', () => {
    const byControl = evaluate([result('privileged', 'fail', web(1)), result('readonly', 'error', web(1))]);
    expect(byControl.get('C1')?.status).toBe('not-satisfied');
    expect(byControl.get('C3')?.status).toBe('not-satisfied');
    expect(byControl.get('C3')?.checks[0]).toMatchObject({ fail: 1, error: 1 });
  });

  it('manual for controls with only manual results, only unimplemented checks, or no mapped check', () => {
    const byControl = evaluate([result('privileged', 'manual')]);
    expect(byControl.get('C1')?.status).toBe('manual');
    expect(byControl.get('C1')?.subjects).toEqual([HOST]);
    expect(byControl.get('C5')?.status).toBe('manual');
    expect(byControl.get('C5')?.checks[0]?.evidence).toBe('not-implemented');
    expect(byControl.get('C7')).toMatchObject({ status: 'manual', checks: [] });
  });

  it('not-applicable when the mapped checks produced nothing to judge', () => {
    const byControl = evaluate([result('privileged', 'not-applicable')]);
    expect(byControl.get('C1')?.status).toBe('not-applicable');
    expect(byControl.get('C1')?.checks[0]?.evidence).toBe('no-results');
  });

  it('on Fargate, host checks are inherited (never passed) and n/a checks drop out', () => {
    const results = [result('host-files', 'pass'), result('swarm-only', 'fail')];
    const fargate = evaluate(results, { platform: 'fargate' });
    expect(fargate.get('C4')?.status).toBe('inherited');
    expect(fargate.get('C4')?.checks[0]).toMatchObject({
      responsibility: 'aws',
      pass: 0,
      evidence: 'inherited',
    });
    expect(fargate.get('C6')?.status).toBe('not-applicable');
    const selfHosted = evaluate(results, { platform: 'self-hosted' });
    expect(selfHosted.get('C4')?.status).toBe('satisfied');
    expect(selfHosted.get('C6')?.status).toBe('not-satisfied');
  });

  it('with the real data, CIS file-permission controls are inherited on ECS Fargate and not-satisfied self-hosted', () => {
    const cis = loadFramework('cis-docker-1.6.0');
    const failing: CheckResult = { ...result('daemon-config-file-permissions', 'fail'), cisId: '3.1' };
    const run = (platform: EvaluationInput['platform']) =>
      evaluateFramework({
        framework: cis,
        mapping: loadMapping(),
        results: [failing],
        subjects: NO_FACTS,
        platform,
        now: '2026-01-01T00:00:00Z',
      });
    const onFargate = new Map(run('ecs-fargate').map((c) => [c.id, c]));
    const selfHosted = new Map(run('self-hosted').map((c) => [c.id, c]));
    expect(onFargate.get('3.1')?.status).toBe('inherited');
    expect(selfHosted.get('3.1')?.status).toBe('not-satisfied');
    // The result names 3.1: it does not count for 3.2, which the same check also maps to.
    expect(selfHosted.get('3.2')?.status).toBe('not-applicable');
  });
});

describe('evaluateFramework waivers', () => {
  const snapshot = makeSnapshot({
    images: [makeImage({ id: 'sha256:aaa', repoTags: ['shop/web:1.2'], labels: {} })],
    containers: [
      makeContainer({
        id: 'c1',
        name: 'web-1',
        image: 'shop/web:1.2',
        imageId: 'sha256:aaa',
        labels: { team: 'payments' },
      }),
      makeContainer({
        id: 'c2',
        name: 'web-2',
        image: 'shop/web:1.2',
        imageId: 'sha256:aaa',
        labels: { team: 'search' },
      }),
    ],
  });
  const subjects = indexSubjects(snapshot);
  const failures = [result('privileged', 'fail', web(1)), result('privileged', 'fail', web(2))];
  const waiver = (over: Partial<Waiver>): Waiver => ({
    id: 'w1',
    check: 'privileged',
    scope: {},
    justification: 'needs raw sockets',
    approver: 'ciso@example.com',
    expires: '2026-12-31',
    ...over,
  });

  it('a waiver scoped to a container name covers that container only: listed, not counted', () => {
    const c1 = evaluate(failures, { subjects, waivers: [waiver({ scope: { container: 'web-1' } })] }).get(
      'C1',
    );
    expect(c1?.checks[0]).toMatchObject({ fail: 1, waived: 1 });
    expect(c1?.status).toBe('not-satisfied');
    expect(c1?.subjects).toEqual([web(2)]);
    expect(c1?.waivers).toEqual([
      {
        waiverId: 'w1',
        state: 'applied',
        justification: 'needs raw sockets',
        approver: 'ciso@example.com',
        expires: '2026-12-31',
        results: 1,
      },
    ]);
  });

  it('a label selector matches container labels; covering every failure leaves the control satisfied', () => {
    const waivers = [
      waiver({ id: 'payments', scope: { labels: { team: 'payments' } } }),
      waiver({ id: 'search', scope: { labels: { team: 'search' }, image: 'shop/web:*' } }),
    ];
    const c1 = evaluate(failures, { subjects, waivers }).get('C1');
    expect(c1?.status).toBe('satisfied');
    expect(c1?.checks[0]).toMatchObject({ fail: 0, waived: 2 });
    expect(c1?.waivers.map((w) => w.waiverId)).toEqual(['payments', 'search']);
  });

  it('a selector that does not match (other label value, other image) waives nothing', () => {
    const waivers = [
      waiver({ scope: { labels: { team: 'billing' } } }),
      waiver({ id: 'w2', scope: { image: 'other/*' } }),
    ];
    const c1 = evaluate(failures, { subjects, waivers }).get('C1');
    expect(c1?.checks[0]).toMatchObject({ fail: 2, waived: 0 });
    expect(c1?.waivers).toEqual([]);
  });

  it('a control waiver applies to every mapped check of that control only', () => {
    const waivers = [waiver({ check: undefined, control: { framework: 'test-fw', id: 'C2' } })];
    const byControl = evaluate([...failures, result('readonly', 'fail', web(1))], { subjects, waivers });
    expect(byControl.get('C2')?.status).toBe('satisfied');
    expect(byControl.get('C1')?.status).toBe('not-satisfied');
    expect(byControl.get('C3')?.status).toBe('not-satisfied');
  });

  it('an expired waiver stops applying and is reported as expired', () => {
    const c1 = evaluate(failures, {
      subjects,
      waivers: [waiver({ expires: '2026-05-31' })],
      now: '2026-06-01T00:00:00Z',
    }).get('C1');
    expect(c1?.status).toBe('not-satisfied');
    expect(c1?.checks[0]).toMatchObject({ fail: 2, waived: 0 });
    expect(c1?.waivers).toEqual([expect.objectContaining({ waiverId: 'w1', state: 'expired', results: 2 })]);
  });
});

describe('evaluateFramework attestations', () => {
  const attestation = (over: Partial<Attestation> = {}): Attestation => ({
    id: 'a1',
    framework: 'test-fw',
    control: 'C7',
    statement: 'Incident response plan reviewed',
    by: 'ciso@example.com',
    at: '2026-05-01T00:00:00Z',
    files: [{ path: '/evidence/ir.pdf', sha256: 'ab'.repeat(32), bytes: 10 }],
    ...over,
  });

  it('a current attestation satisfies a manual control and is listed on it', () => {
    const c7 = evaluate([], { attestations: [attestation({ expires: '2026-12-31' })] }).get('C7');
    expect(c7?.status).toBe('satisfied');
    expect(c7?.attestations).toEqual([expect.objectContaining({ id: 'a1', state: 'current' })]);
  });

  it('an expired attestation is listed as expired and the control stays manual', () => {
    const c7 = evaluate([], { attestations: [attestation({ expires: '2026-05-31' })] }).get('C7');
    expect(c7?.status).toBe('manual');
    expect(c7?.attestations.map((a) => a.state)).toEqual(['expired']);
  });

  it('never overrules automated evidence: a failing control stays not-satisfied', () => {
    const c1 = evaluate([result('privileged', 'fail', web(1))], {
      attestations: [attestation({ control: 'C1' })],
    }).get('C1');
    expect(c1?.status).toBe('not-satisfied');
    expect(c1?.subjects).toEqual([web(1)]);
  });

  it("another catalogue's attestation of a control with the same id is ignored", () => {
    const c7 = evaluate([], { attestations: [attestation({ framework: 'other-fw' })] }).get('C7');
    expect(c7).toMatchObject({ status: 'manual', attestations: [] });
  });

  it('with the real data, an answer to an 800-53 control counts in every FedRAMP baseline', () => {
    const ir8 = attestation({ framework: 'nist-800-53-r5', control: 'IR-8' });
    for (const id of ['fedramp-low', 'fedramp-high', 'nist-800-53-r5'] as const) {
      const controls = evaluateFramework({
        framework: loadFramework(id),
        mapping: loadMapping(),
        results: [],
        subjects: NO_FACTS,
        platform: 'self-hosted',
        attestations: [ir8],
        now: '2026-06-01T00:00:00Z',
      });
      expect(controls.find((c) => c.id === 'IR-8')).toMatchObject({ status: 'satisfied' });
    }
  });
});
