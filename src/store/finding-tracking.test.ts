import { describe, expect, it } from 'vitest';
import type { CheckResult, Subject } from '../core/result/check-result.js';
import { isSubjectPresent, planFindings, type TrackedFinding, toFinding } from './finding-tracking.js';
import { buildSnapshot, containerResult } from './store.contract.js';

const AT = '2024-05-02T12:00:00.000Z';

function tracked(fingerprint: string, state: 'open' | 'fixed', subject: Subject): TrackedFinding {
  return {
    fingerprint,
    hostId: 'host-a',
    checkId: 'c-1',
    cisId: '5.4',
    title: 'Check c-1',
    severity: 'high',
    subject,
    evidence: 'old evidence',
    remediation: 'Fix it.',
    state,
    firstSeen: '2024-05-01T12:00:00.000Z',
    lastSeen: '2024-05-01T12:00:00.000Z',
    ...(state === 'fixed' ? { fixedAt: '2024-05-01T18:00:00.000Z' } : {}),
    reopenCount: 2,
    firstAssessmentId: 'a-0',
    lastAssessmentId: 'a-0',
  };
}

function plan(results: { fingerprint: string; result: CheckResult }[], existing: TrackedFinding[]) {
  return planFindings({
    hostId: 'host-a',
    assessmentId: 'a-1',
    at: AT,
    snapshot: buildSnapshot({ containers: ['web'] }),
    results,
    existing,
  });
}

const web: Subject = { kind: 'container', id: 'web-0123456789abcdef', name: 'web' };

describe('planFindings', () => {
  it('keeps the most severe of several failing results for one fingerprint', () => {
    const result = plan(
      [
        {
          fingerprint: 'f1',
          result: containerResult('c-1', 'web', 'fail', { severity: 'medium', evidence: 'm' }),
        },
        {
          fingerprint: 'f1',
          result: containerResult('c-1', 'web', 'fail', { severity: 'critical', evidence: 'c' }),
        },
        {
          fingerprint: 'f1',
          result: containerResult('c-1', 'web', 'fail', { severity: 'low', evidence: 'l' }),
        },
      ],
      [],
    );
    expect(result.created).toHaveLength(1);
    expect(result.created[0]).toMatchObject({
      severity: 'critical',
      evidence: 'c',
      firstAssessmentId: 'a-1',
    });
  });

  it('counts a reopen, keeps first seen and clears the fixed time', () => {
    const result = plan(
      [{ fingerprint: 'f1', result: containerResult('c-1', 'web', 'fail', { evidence: 'new evidence' }) }],
      [tracked('f1', 'fixed', web)],
    );
    expect(result.opened).toEqual(result.updated);
    const [reopened] = result.updated;
    expect(reopened).toMatchObject({
      state: 'open',
      reopenCount: 3,
      reopenedAt: AT,
      firstSeen: '2024-05-01T12:00:00.000Z',
      firstAssessmentId: 'a-0',
      lastSeen: AT,
      lastAssessmentId: 'a-1',
      evidence: 'new evidence',
    });
    expect(reopened).not.toHaveProperty('fixedAt');
  });

  it('follows a recreated container to its new id under the same name', () => {
    const result = plan(
      [{ fingerprint: 'f1', result: containerResult('c-1', 'web', 'fail') }],
      [tracked('f1', 'open', { ...web, id: 'old-container-id' })],
    );
    expect(result.updated[0]?.subject.id).toBe('web-0123456789abcdef');
    expect(result.seenAgain).toEqual([]);
    expect(result.stillOpen).toBe(1);
  });

  it('moves only the last-seen time of an open finding seen again unchanged', () => {
    const previous = tracked('f1', 'open', web);
    const result = plan(
      [
        {
          fingerprint: 'f1',
          result: {
            ...containerResult('c-1', 'web', 'fail', { evidence: 'old evidence' }),
            remediation: 'Fix it.',
          },
        },
      ],
      [previous],
    );
    expect(result.updated).toEqual([]);
    expect(result.seenAgain).toEqual([{ ...previous, lastSeen: AT, lastAssessmentId: 'a-1' }]);
    expect(result.stillOpen).toBe(1);
  });

  it('leaves fixed findings alone when nothing fails', () => {
    const result = plan(
      [{ fingerprint: 'f1', result: containerResult('c-1', 'web', 'error') }],
      [tracked('f1', 'fixed', web)],
    );
    expect(result).toEqual({ created: [], seenAgain: [], updated: [], opened: [], fixed: [], stillOpen: 0 });
  });
});

describe('isSubjectPresent', () => {
  const snapshot = {
    ...buildSnapshot({ containers: ['web'] }),
    images: [
      {
        id: 'sha256:aaaa',
        repoTags: ['busybox:latest'],
        repoDigests: [],
        sizeBytes: 1,
        user: '',
        hasHealthCheck: false,
        labels: {},
        envNames: [],
        exposedPorts: [],
        layers: [],
        history: [],
      },
    ],
  };

  it.each([
    [
      'a container, by name (its id changes when recreated)',
      { kind: 'container', id: 'other-id', name: 'web' },
      true,
    ],
    ['a removed container', { kind: 'container', id: 'web-0123456789abcdef', name: 'gone' }, false],
    ['a network, by name', { kind: 'network', id: 'other-id', name: 'bridge' }, true],
    ['a removed network', { kind: 'network', id: 'net-bridge', name: 'backend' }, false],
    ['an image, by id', { kind: 'image', id: 'sha256:aaaa', name: 'anything' }, true],
    ['a deleted image', { kind: 'image', id: 'sha256:bbbb', name: 'busybox:latest' }, false],
    ['the host', { kind: 'host', id: 'whatever', name: 'whatever' }, true],
    ['the daemon', { kind: 'daemon', id: 'dockerd', name: 'dockerd' }, true],
  ] as const)('%s', (_, subject, expected) => {
    expect(isSubjectPresent(snapshot, subject)).toBe(expected);
  });
});

describe('toFinding', () => {
  it('strips the tracking bookkeeping', () => {
    const finding = toFinding(tracked('f1', 'fixed', web));
    expect(Object.keys(finding).sort()).toEqual(
      [
        'checkId',
        'cisId',
        'evidence',
        'fingerprint',
        'firstSeen',
        'fixedAt',
        'lastSeen',
        'remediation',
        'severity',
        'state',
        'subject',
        'title',
      ].sort(),
    );
  });
});
