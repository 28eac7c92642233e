// The Store conformance suite: every implementation (SQLite now, PostgreSQL later) runs these behaviours.
// Also holds the builders of minimal valid assessments that the store's own tests share.
import { afterEach, describe, expect, it } from 'vitest';
import { IMAGE_SCAN } from '../../test/support/image-scan-result.js';
import { makeContainer, makeSnapshot } from '../../test/support/snapshot.js';
import type { Assessment } from '../core/assessment.js';
import { isCoastguardError } from '../core/errors.js';
import type { Container } from '../core/inventory/container.js';
import type { Snapshot } from '../core/inventory/snapshot.js';
import { type CheckResult, type CheckStatus, countStatuses } from '../core/result/check-result.js';
import type { Severity } from '../core/result/severity.js';
import type { Store } from './index.js';

export function buildContainer(name: string): Container {
  return makeContainer({ id: `${name}-0123456789abcdef`, name, envNames: ['PATH', 'DATABASE_PASSWORD'] });
}

export interface SnapshotSpec {
  hostId?: string;
  hostname?: string;
  containers?: string[];
  collectedAt?: string;
}

/** A snapshot of named containers on one host; only names, host identity and time matter to the store. */
export function buildSnapshot(spec: SnapshotSpec = {}): Snapshot {
  const hostId = spec.hostId ?? 'ABCD:EFGH:host-a';
  return makeSnapshot({
    collectedAt: spec.collectedAt ?? '2024-05-01T12:00:00.000Z',
    host: { id: hostId, hostname: spec.hostname ?? `${hostId}.example.internal` },
    containers: (spec.containers ?? ['web']).map(buildContainer),
  });
}

/** A result about a container, by name; the check id doubles as its CIS id's home for readability. */
export function containerResult(
  checkId: string,
  container: string,
  status: CheckStatus,
  details: { severity?: Severity; evidence?: string; title?: string; cisId?: string | null } = {},
): CheckResult {
  const result: CheckResult = {
    checkId,
    title: details.title ?? `Check ${checkId}`,
    status,
    severity: details.severity ?? 'high',
    subject: { kind: 'container', id: `${container}-0123456789abcdef`, name: container },
    evidence: details.evidence ?? `${checkId} on ${container}: ${status}`,
    remediation: `Fix ${checkId} on ${container}.`,
  };
  if (details.cisId !== null) result.cisId = details.cisId ?? '5.4';
  return result;
}

export interface AssessmentSpec extends SnapshotSpec {
  id: string;
  startedAt: string;
  results: CheckResult[];
}

export function buildAssessment(spec: AssessmentSpec): Assessment {
  const finishedAt = new Date(Date.parse(spec.startedAt) + 1_500).toISOString();
  return {
    id: spec.id,
    startedAt: spec.startedAt,
    finishedAt,
    tool: { name: 'coastguard', version: '0.1.0' },
    snapshot: buildSnapshot({ collectedAt: spec.startedAt, ...spec }),
    results: spec.results,
    summary: countStatuses(spec.results),
  };
}

const DAY_1 = '2024-05-01T12:00:00.000Z';
const DAY_2 = '2024-05-02T12:00:00.000Z';
const DAY_3 = '2024-05-03T12:00:00.000Z';
const DAY_4 = '2024-05-04T12:00:00.000Z';

async function expectStoreError(promise: Promise<unknown>, code: string): Promise<Error> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isCoastguardError(err), `expected CoastguardError ${code}, got ${String(err)}`).toBe(true);
  expect((err as { code: string }).code).toBe(code);
  return err as Error;
}

export function describeStoreContract(name: string, open: () => Promise<Store>): void {
  describe(`Store contract: ${name}`, () => {
    const opened: Store[] = [];
    async function openStore(): Promise<Store> {
      const store = await open();
      opened.push(store);
      return store;
    }
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((s) => s.close()));
    });

    describe('assessments', () => {
      it('round-trips an assessment with its snapshot, results in order, summary and changes', async () => {
        const store = await openStore();
        const results = [
          containerResult('container-privileged', 'web', 'fail', { cisId: '5.5', severity: 'critical' }),
          containerResult('container-memory-limit', 'web', 'pass', { cisId: '5.11' }),
          containerResult('cis-docker-5.1', 'web', 'manual', { cisId: null, evidence: 'review the profile' }),
          containerResult('container-pids-limit', 'web', 'error', { evidence: 'could not read PidsLimit' }),
          containerResult('container-host-network', 'web', 'not-applicable', { severity: 'info' }),
        ];
        const assessment = buildAssessment({ id: 'a-1', startedAt: DAY_1, results });
        const changes = await store.recordAssessment(assessment);

        const read = await store.getAssessment('a-1');
        expect(read).toEqual({ ...assessment, changes });
        expect(read?.results.map((r) => r.checkId)).toEqual(results.map((r) => r.checkId));
        expect(read?.results[2]).not.toHaveProperty('cisId');
        expect(read?.snapshot.containers[0]?.envNames).toEqual(['PATH', 'DATABASE_PASSWORD']);
        expect(read?.summary).toEqual({ pass: 1, fail: 1, manual: 1, 'not-applicable': 1, error: 1 });
      });

      it('answers undefined for an unknown id and for an empty history', async () => {
        const store = await openStore();
        expect(await store.getAssessment('nope')).toBeUndefined();
        expect(await store.latestAssessment()).toBeUndefined();
        expect(await store.listAssessments()).toEqual([]);
        expect(await store.listFindings({ state: 'all' })).toEqual([]);
      });

      it('stores times in canonical UTC so that their order is time order', async () => {
        const store = await openStore();
        await store.recordAssessment(
          buildAssessment({ id: 'a-tz', startedAt: '2024-05-01T14:00:00+02:00', results: [] }),
        );
        const read = await store.getAssessment('a-tz');
        expect(read?.startedAt).toBe('2024-05-01T12:00:00.000Z');
      });

      it('refuses an unreadable time as bad input and records nothing', async () => {
        const store = await openStore();
        const assessment = {
          ...buildAssessment({ id: 'a-bad', startedAt: DAY_1, results: [] }),
          startedAt: 'soon',
        };
        const err = await expectStoreError(store.recordAssessment(assessment), 'BAD_INPUT');
        expect(err.message).toContain('a-bad');
        expect(await store.listAssessments()).toEqual([]);
      });

      it('lists history newest first with summary counts and finding changes, honouring the limit', async () => {
        const store = await openStore();
        // Ids chosen so that id order and time order disagree.
        await store.recordAssessment(
          buildAssessment({
            id: 'z-first',
            startedAt: DAY_1,
            results: [containerResult('c-1', 'web', 'fail')],
          }),
        );
        await store.recordAssessment(
          buildAssessment({
            id: 'a-second',
            startedAt: DAY_2,
            results: [containerResult('c-1', 'web', 'pass'), containerResult('c-2', 'web', 'fail')],
          }),
        );
        await store.recordAssessment(
          buildAssessment({
            id: 'm-third',
            startedAt: DAY_3,
            results: [containerResult('c-2', 'web', 'fail')],
          }),
        );

        const history = await store.listAssessments();
        expect(history.map((a) => a.id)).toEqual(['m-third', 'a-second', 'z-first']);
        expect(history[1]).toEqual({
          id: 'a-second',
          startedAt: DAY_2,
          finishedAt: '2024-05-02T12:00:01.500Z',
          hostId: 'ABCD:EFGH:host-a',
          hostname: 'ABCD:EFGH:host-a.example.internal',
          tool: { name: 'coastguard', version: '0.1.0' },
          summary: { pass: 1, fail: 1, manual: 0, 'not-applicable': 0, error: 0 },
          opened: 1,
          fixed: 1,
          stillOpen: 0,
        });
        expect(history[0]).toMatchObject({ opened: 0, fixed: 0, stillOpen: 1 });
        expect((await store.listAssessments({ limit: 2 })).map((a) => a.id)).toEqual(['m-third', 'a-second']);
        expect((await store.latestAssessment())?.id).toBe('m-third');
      });

      it('refuses an assessment older than the newest of its host, recording nothing', async () => {
        const store = await openStore();
        await store.recordAssessment(
          buildAssessment({
            id: 'a-new',
            startedAt: DAY_2,
            results: [containerResult('c-1', 'web', 'fail')],
          }),
        );
        const late = buildAssessment({
          id: 'a-old',
          startedAt: DAY_1,
          results: [containerResult('c-1', 'web', 'pass')],
        });
        const err = await expectStoreError(store.recordAssessment(late), 'BAD_INPUT');
        expect(err.message).toContain('a-new');
        expect(await store.getAssessment('a-old')).toBeUndefined();
        expect(await store.listFindings()).toHaveLength(1);
      });

      it('refuses a second assessment with the same id and keeps the first', async () => {
        const store = await openStore();
        const first = buildAssessment({
          id: 'a-1',
          startedAt: DAY_1,
          results: [containerResult('c-1', 'web', 'fail')],
        });
        await store.recordAssessment(first);
        const again = buildAssessment({
          id: 'a-1',
          startedAt: DAY_2,
          results: [containerResult('c-1', 'web', 'pass')],
        });
        await expectStoreError(store.recordAssessment(again), 'STORE_ERROR');
        expect((await store.getAssessment('a-1'))?.startedAt).toBe(DAY_1);
        expect((await store.listFindings()).map((f) => f.state)).toEqual(['open']);
      });
    });

    describe('atomicity', () => {
      it('leaves nothing behind when a result cannot be stored mid-assessment', async () => {
        const store = await openStore();
        await store.recordAssessment(
          buildAssessment({ id: 'a-1', startedAt: DAY_1, results: [containerResult('c-1', 'web', 'fail')] }),
        );
        const before = await store.listFindings({ state: 'all' });

        // 600 results span two INSERT batches; the broken one sits in the second, after rows were written.
        const results = Array.from({ length: 600 }, (_, i) =>
          containerResult(`c-${i + 1}`, 'web', i === 0 ? 'pass' : 'fail'),
        );
        results[550] = { ...results[550], title: null } as unknown as CheckResult;
        const broken = buildAssessment({ id: 'a-2', startedAt: DAY_2, results });
        await expectStoreError(store.recordAssessment(broken), 'STORE_ERROR');

        expect(await store.getAssessment('a-2')).toBeUndefined();
        expect((await store.listAssessments()).map((a) => a.id)).toEqual(['a-1']);
        expect(await store.listFindings({ state: 'all' })).toEqual(before);

        // The store is still usable, and a-1 is still the previous assessment.
        const next = await store.recordAssessment(
          buildAssessment({ id: 'a-3', startedAt: DAY_3, results: [containerResult('c-1', 'web', 'pass')] }),
        );
        expect(next.previousAssessmentId).toBe('a-1');
        expect(next.fixed.map((f) => f.checkId)).toEqual(['c-1']);
      });
    });

    describe('finding tracking', () => {
      it('opens, keeps, fixes and reopens a finding across assessments', async () => {
        const store = await openStore();
        const first = await store.recordAssessment(
          buildAssessment({
            id: 'a-1',
            startedAt: DAY_1,
            results: [
              containerResult('c-priv', 'web', 'fail', { severity: 'high', evidence: 'Privileged=true' }),
            ],
          }),
        );
        expect(first.previousAssessmentId).toBeUndefined();
        expect(first.opened).toHaveLength(1);
        expect(first.opened[0]).toMatchObject({
          checkId: 'c-priv',
          state: 'open',
          firstSeen: DAY_1,
          lastSeen: DAY_1,
          subject: { kind: 'container', name: 'web' },
        });
        expect(first.fixed).toEqual([]);
        expect(first.stillOpen).toBe(0);
        const fingerprint = first.opened[0]?.fingerprint;
        expect(fingerprint).toMatch(/^[0-9a-f]{32}$/);

        const second = await store.recordAssessment(
          buildAssessment({
            id: 'a-2',
            startedAt: DAY_2,
            results: [
              containerResult('c-priv', 'web', 'fail', {
                severity: 'critical',
                evidence: 'Privileged=true (again)',
                title: 'Privileged container',
              }),
            ],
          }),
        );
        expect(second).toEqual({ previousAssessmentId: 'a-1', opened: [], fixed: [], stillOpen: 1 });
        const [open] = await store.listFindings();
        expect(open).toMatchObject({
          fingerprint,
          state: 'open',
          firstSeen: DAY_1,
          lastSeen: DAY_2,
          severity: 'critical',
          evidence: 'Privileged=true (again)',
          title: 'Privileged container',
        });
        expect(open).not.toHaveProperty('fixedAt');

        const third = await store.recordAssessment(
          buildAssessment({
            id: 'a-3',
            startedAt: DAY_3,
            results: [containerResult('c-priv', 'web', 'pass')],
          }),
        );
        expect(third.previousAssessmentId).toBe('a-2');
        expect(third.opened).toEqual([]);
        expect(third.fixed).toEqual([
          expect.objectContaining({ fingerprint, state: 'fixed', fixedAt: DAY_3 }),
        ]);
        expect(third.stillOpen).toBe(0);
        expect(await store.listFindings()).toEqual([]);
        expect(await store.listFindings({ state: 'fixed' })).toEqual([
          expect.objectContaining({ fingerprint, firstSeen: DAY_1, lastSeen: DAY_2, fixedAt: DAY_3 }),
        ]);

        const fourth = await store.recordAssessment(
          buildAssessment({
            id: 'a-4',
            startedAt: DAY_4,
            results: [containerResult('c-priv', 'web', 'fail')],
          }),
        );
        expect(fourth.opened).toEqual([
          expect.objectContaining({
            fingerprint,
            state: 'open',
            firstSeen: DAY_1,
            lastSeen: DAY_4,
            reopenedAt: DAY_4,
          }),
        ]);
        expect(fourth.opened[0]).not.toHaveProperty('fixedAt');
        expect(await store.listFindings({ state: 'fixed' })).toEqual([]);
        expect(await store.listFindings({ state: 'all' })).toHaveLength(1);

        // The changes recorded with each assessment come back for re-reporting.
        expect((await store.getAssessment('a-3'))?.changes).toEqual(third);
      });

      it('never creates findings from error, manual, pass or not-applicable results', async () => {
        const store = await openStore();
        const changes = await store.recordAssessment(
          buildAssessment({
            id: 'a-1',
            startedAt: DAY_1,
            results: [
              containerResult('c-1', 'web', 'error'),
              containerResult('c-2', 'web', 'manual'),
              containerResult('c-3', 'web', 'pass'),
              containerResult('c-4', 'web', 'not-applicable'),
            ],
          }),
        );
        expect(changes.opened).toEqual([]);
        expect(await store.listFindings({ state: 'all' })).toEqual([]);
      });

      it('does not fix a finding whose check errored or went manual: an error is not a fix', async () => {
        const store = await openStore();
        await store.recordAssessment(
          buildAssessment({
            id: 'a-1',
            startedAt: DAY_1,
            results: [containerResult('c-1', 'web', 'fail'), containerResult('c-2', 'web', 'fail')],
          }),
        );
        const second = await store.recordAssessment(
          buildAssessment({
            id: 'a-2',
            startedAt: DAY_2,
            results: [containerResult('c-1', 'web', 'error'), containerResult('c-2', 'web', 'manual')],
          }),
        );
        expect(second).toEqual({ previousAssessmentId: 'a-1', opened: [], fixed: [], stillOpen: 2 });
        const open = await store.listFindings();
        expect(open.map((f) => [f.checkId, f.state, f.lastSeen])).toEqual([
          ['c-1', 'open', DAY_1],
          ['c-2', 'open', DAY_1],
        ]);

        // A pass next to an error for the same subject is inconclusive too.
        const third = await store.recordAssessment(
          buildAssessment({
            id: 'a-3',
            startedAt: DAY_3,
            results: [
              containerResult('c-1', 'web', 'pass'),
              containerResult('c-1', 'web', 'error'),
              containerResult('c-2', 'web', 'pass'),
            ],
          }),
        );
        expect(third.fixed.map((f) => f.checkId)).toEqual(['c-2']);
        expect((await store.listFindings()).map((f) => f.checkId)).toEqual(['c-1']);
      });

      it('keeps a finding open when its check said nothing about a subject still present', async () => {
        const store = await openStore();
        await store.recordAssessment(
          buildAssessment({ id: 'a-1', startedAt: DAY_1, results: [containerResult('c-1', 'web', 'fail')] }),
        );
        const second = await store.recordAssessment(
          buildAssessment({ id: 'a-2', startedAt: DAY_2, results: [] }),
        );
        expect(second).toEqual({ previousAssessmentId: 'a-1', opened: [], fixed: [], stillOpen: 1 });
      });

      it('fixes a finding whose subject is gone from the snapshot', async () => {
        const store = await openStore();
        await store.recordAssessment(
          buildAssessment({
            id: 'a-1',
            startedAt: DAY_1,
            containers: ['web', 'db'],
            results: [containerResult('c-1', 'web', 'fail'), containerResult('c-1', 'db', 'fail')],
          }),
        );
        const second = await store.recordAssessment(
          buildAssessment({ id: 'a-2', startedAt: DAY_2, containers: ['db'], results: [] }),
        );
        expect(second.fixed).toEqual([
          expect.objectContaining({
            checkId: 'c-1',
            subject: expect.objectContaining({ name: 'web' }),
            fixedAt: DAY_2,
          }),
        ]);
        expect(second.stillOpen).toBe(1);
        expect((await store.listFindings()).map((f) => f.subject.name)).toEqual(['db']);
      });

      it('filters findings by state and minimum severity, most severe first', async () => {
        const store = await openStore();
        await store.recordAssessment(
          buildAssessment({
            id: 'a-1',
            startedAt: DAY_1,
            results: [
              containerResult('c-low', 'web', 'fail', { severity: 'low' }),
              containerResult('c-crit', 'web', 'fail', { severity: 'critical' }),
              containerResult('c-med', 'web', 'fail', { severity: 'medium' }),
              containerResult('c-high', 'web', 'fail', { severity: 'high' }),
            ],
          }),
        );
        await store.recordAssessment(
          buildAssessment({
            id: 'a-2',
            startedAt: DAY_2,
            results: [
              containerResult('c-low', 'web', 'fail', { severity: 'low' }),
              containerResult('c-crit', 'web', 'pass'),
              containerResult('c-med', 'web', 'fail', { severity: 'medium' }),
              containerResult('c-high', 'web', 'fail', { severity: 'high' }),
            ],
          }),
        );
        expect((await store.listFindings()).map((f) => f.checkId)).toEqual(['c-high', 'c-med', 'c-low']);
        expect((await store.listFindings({ minSeverity: 'medium' })).map((f) => f.checkId)).toEqual([
          'c-high',
          'c-med',
        ]);
        expect(
          (await store.listFindings({ state: 'all', minSeverity: 'high' })).map((f) => f.checkId),
        ).toEqual(['c-high', 'c-crit']);
        expect((await store.listFindings({ state: 'fixed' })).map((f) => f.checkId)).toEqual(['c-crit']);
        await expectStoreError(store.listFindings({ minSeverity: 'severe' as Severity }), 'BAD_USAGE');
      });
    });

    describe('kept image scans', () => {
      const scanOf = (digest: string) => ({ ...IMAGE_SCAN, image: { ...IMAGE_SCAN.image, digest } });

      it('finds a scan only under the database fingerprint it was kept with, the newest replacing the older', async () => {
        const store = await openStore();
        await store.imageScans.keep('sha256:one', 'db-1', scanOf('sha256:one'));
        expect(await store.imageScans.find('sha256:one', 'db-1')).toEqual(scanOf('sha256:one'));
        expect(await store.imageScans.find('sha256:one', 'db-2')).toBeUndefined();
        expect(await store.imageScans.find('sha256:two', 'db-1')).toBeUndefined();
        const rescanned = { ...scanOf('sha256:one'), warnings: ['rescanned'] };
        await store.imageScans.keep('sha256:one', 'db-2', rescanned);
        expect(await store.imageScans.find('sha256:one', 'db-2')).toEqual(rescanned);
        expect(await store.imageScans.find('sha256:one', 'db-1')).toBeUndefined();
      });

      it('forgets the scans of images no longer present, in chunks, and keeps the others', async () => {
        const store = await openStore();
        const ids = Array.from({ length: 1203 }, (_, i) => `sha256:${String(i).padStart(64, '0')}`);
        for (const id of ids) await store.imageScans.keep(id, 'db-1', scanOf(id));
        const present = new Set([ids[0] ?? '', ids[1202] ?? '', 'sha256:never-scanned']);
        expect(await store.imageScans.forgetAllBut(present)).toBe(1201);
        expect(await store.imageScans.find(ids[0] ?? '', 'db-1')).toEqual(scanOf(ids[0] ?? ''));
        expect(await store.imageScans.find(ids[1202] ?? '', 'db-1')).toBeDefined();
        expect(await store.imageScans.find(ids[600] ?? '', 'db-1')).toBeUndefined();
        expect(await store.imageScans.forgetAllBut(present)).toBe(0);
      });
    });

    describe('hosts', () => {
      it('tracks findings per host: one host’s scan neither fixes nor reopens another’s', async () => {
        const store = await openStore();
        const hostA = 'host-a';
        const hostB = 'host-b';
        await store.recordAssessment(
          buildAssessment({
            id: 'a-1',
            hostId: hostA,
            startedAt: DAY_1,
            results: [containerResult('c-1', 'web', 'fail')],
          }),
        );
        const onB = await store.recordAssessment(
          buildAssessment({
            id: 'b-1',
            hostId: hostB,
            startedAt: DAY_2,
            containers: ['api'],
            results: [containerResult('c-1', 'api', 'fail'), containerResult('c-1', 'web', 'pass')],
          }),
        );
        expect(onB.previousAssessmentId).toBeUndefined();
        expect(onB.fixed).toEqual([]);
        expect(onB.opened.map((f) => f.subject.name)).toEqual(['api']);

        // Same check and subject on two hosts: two findings, with distinct fingerprints.
        await store.recordAssessment(
          buildAssessment({
            id: 'b-2',
            hostId: hostB,
            startedAt: DAY_3,
            containers: ['web'],
            results: [containerResult('c-1', 'web', 'fail')],
          }),
        );
        const onA = await store.listFindings({ hostId: hostA });
        const onHostB = await store.listFindings({ hostId: hostB, state: 'all' });
        expect(onA.map((f) => f.subject.name)).toEqual(['web']);
        expect(onHostB.map((f) => [f.subject.name, f.state])).toEqual([
          ['web', 'open'],
          ['api', 'fixed'],
        ]);
        expect(onA[0]?.fingerprint).not.toBe(onHostB[0]?.fingerprint);
        expect(await store.listFindings()).toHaveLength(2);

        expect((await store.latestAssessment(hostA))?.id).toBe('a-1');
        expect((await store.latestAssessment(hostB))?.id).toBe('b-2');
        expect(await store.latestAssessment('host-c')).toBeUndefined();
        expect((await store.listAssessments()).map((a) => [a.id, a.hostId])).toEqual([
          ['b-2', hostB],
          ['b-1', hostB],
          ['a-1', hostA],
        ]);

        // An older scan of host A is still in order for A, though B has newer ones.
        const a2 = await store.recordAssessment(
          buildAssessment({
            id: 'a-2',
            hostId: hostA,
            startedAt: DAY_2,
            results: [containerResult('c-1', 'web', 'pass')],
          }),
        );
        expect(a2.previousAssessmentId).toBe('a-1');
        expect(a2.fixed).toHaveLength(1);
      });
    });
  });
}
