// `coastguard scan` end to end on the real engine: every container check's verdict on each flawed container and on
// the hardened one, the JSON contract, findings across two scans, history, the gate and the report files.
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScanReport } from '../../src/report/json/schema.js';
import { makeHome, requireBuiltCli, runCli } from '../support/cli.js';
import { removeTestObjects, testDocker } from '../support/engine.js';
import {
  createFlawedContainers,
  type TestContainer,
  type TestContainerKey,
} from '../support/flawed-containers.js';

const PREFIX = 'cgtest-scan-';

/** The container checks decided from machine state, and which CIS ids each test container must fail. */
const AUTOMATED_CONTAINER_CHECKS = [
  '4.1',
  '5.2',
  '5.4',
  '5.5',
  '5.6',
  '5.8',
  '5.10',
  '5.11',
  '5.12',
  '5.13',
  '5.14',
  '5.15',
  '5.16',
  '5.17',
  '5.18',
  '5.21',
  '5.22',
  '5.26',
  '5.27',
  '5.29',
  '5.30',
  '5.31',
  '5.32',
] as const;

const FAILS: Record<TestContainerKey, readonly string[]> = {
  // Privileged means every capability, every host device and no seccomp filter, whatever else is set.
  privileged: ['5.4', '5.5', '5.18', '5.22'],
  'host-network': ['5.10'],
  'host-pid': ['5.16'],
  'docker-sock': ['5.32'],
  'cap-sys-admin': ['5.4'],
  'no-limits': ['5.11', '5.12', '5.29'],
  'etc-rw': ['5.6'],
  'seccomp-unconfined': ['5.22'],
  'apparmor-unconfined': ['5.2'],
  'root-user': ['4.1'],
  'privileged-port': ['5.8', '5.14'],
  'restart-always': ['5.15'],
  hardened: [],
};

/** Where neither pass nor fail is the honest answer. */
function expectedStatus(key: TestContainerKey, cisId: string, hasAppArmor: boolean): string {
  if (FAILS[key].includes(cisId)) return 'fail';
  // With the host's network namespace every listening port is on the host: no mapping to judge, a person must.
  if (key === 'host-network' && (cisId === '5.8' || cisId === '5.14')) return 'manual';
  // Without AppArmor on the host there is no profile to apply; only an explicit `unconfined` is a finding.
  if (cisId === '5.2' && !hasAppArmor) return 'not-applicable';
  return 'pass';
}

let home: string;
let containers: Record<TestContainerKey, TestContainer>;
let report: ScanReport;
let stdout: string;

async function hostHasAppArmor(): Promise<boolean> {
  const info = (await (await testDocker()).info()) as { SecurityOptions?: string[] };
  return (info.SecurityOptions ?? []).some((o) => o.startsWith('name=apparmor'));
}

beforeAll(async () => {
  requireBuiltCli();
  home = await makeHome();
  await removeTestObjects(PREFIX);
  containers = await createFlawedContainers(PREFIX);
  const outcome = await runCli(['scan', '--format', 'json'], { COASTGUARD_HOME: home });
  expect(outcome.stderr).toBe('');
  expect(outcome.code).toBe(0);
  stdout = outcome.stdout;
  report = ScanReport.parse(JSON.parse(stdout));
});

afterAll(async () => {
  await removeTestObjects(PREFIX);
  if (home) await rm(home, { recursive: true, force: true });
});

function resultsFor(name: string, cisId: string) {
  return report.results.filter(
    (r) => r.subject.kind === 'container' && r.subject.name === name && r.cisId === cisId,
  );
}

describe('coastguard scan on flawed and hardened containers', () => {
  it('reports the contract fields', () => {
    expect(report.tool).toBe('coastguard');
    expect(report.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(Date.parse(report.startedAt)).not.toBeNaN();
    const counted = report.results.reduce<Record<string, number>>((acc, r) => {
      acc[r.status] = (acc[r.status] ?? 0) + 1;
      return acc;
    }, {});
    expect(report.summary).toEqual({
      pass: counted.pass ?? 0,
      fail: counted.fail ?? 0,
      manual: counted.manual ?? 0,
      notApplicable: counted['not-applicable'] ?? 0,
      error: counted.error ?? 0,
    });
    for (const r of report.results) {
      expect(r.evidence.length, `${r.checkId} ${r.cisId} on ${r.subject.name}`).toBeGreaterThan(0);
      expect(r.remediation.length).toBeGreaterThan(0);
      expect(r.subject.name.startsWith('/')).toBe(false);
    }
  });

  it.each(Object.keys(FAILS) as TestContainerKey[])(
    'every automated container check has the right verdict on %s',
    async (key) => {
      const hasAppArmor = await hostHasAppArmor();
      const { name } = containers[key];
      const verdicts = Object.fromEntries(
        AUTOMATED_CONTAINER_CHECKS.map((cisId) => {
          const found = resultsFor(name, cisId);
          return [cisId, found.length === 1 ? found[0]?.status : `${found.length} results`];
        }),
      );
      const expected = Object.fromEntries(
        AUTOMATED_CONTAINER_CHECKS.map((cisId) => [cisId, expectedStatus(key, cisId, hasAppArmor)]),
      );
      expect(verdicts).toEqual(expected);
    },
  );

  it('covers a container whatever its state, and says so in the evidence', () => {
    const [privileged] = resultsFor(containers.privileged.name, '5.5');
    expect(privileged?.status).toBe('fail');
    expect(privileged?.evidence).toContain('HostConfig.Privileged=true');
    expect(privileged?.evidence).toContain('created');
  });

  it('gives the exact value seen as evidence', () => {
    expect(resultsFor(containers['host-network'].name, '5.10')[0]?.evidence).toContain('NetworkMode=host');
    expect(resultsFor(containers['docker-sock'].name, '5.32')[0]?.evidence).toContain('/var/run/docker.sock');
    expect(resultsFor(containers['cap-sys-admin'].name, '5.4')[0]?.evidence).toContain('SYS_ADMIN');
  });

  it('never prints an environment variable value', () => {
    expect(stdout).not.toContain('do-not-store');
  });
});

describe('coastguard scan over time', () => {
  it('a second scan says what was fixed; findings and history agree', async () => {
    const fixedName = containers['restart-always'].name;
    await (await testDocker()).getContainer(fixedName).remove({ force: true });

    const second = await runCli(['scan', '--format', 'json'], { COASTGUARD_HOME: home });
    expect(second.code).toBe(0);
    const secondReport = ScanReport.parse(JSON.parse(second.stdout));
    const fixed = secondReport.changes?.fixed ?? [];
    expect(fixed.some((f) => f.subject.name === fixedName && f.cisId === '5.15')).toBe(true);
    expect(secondReport.changes?.opened ?? []).toEqual([]);
    expect(secondReport.changes?.stillOpen).toBeGreaterThan(0);

    const findings = await runCli(['findings', '--state', 'fixed', '--format', 'json'], {
      COASTGUARD_HOME: home,
    });
    expect(findings.code).toBe(0);
    const fixedFindings = JSON.parse(findings.stdout) as {
      subject: { name: string };
      cisId?: string;
      fixedAt?: string;
    }[];
    const restart = fixedFindings.find((f) => f.subject.name === fixedName && f.cisId === '5.15');
    expect(restart?.fixedAt).toBe(secondReport.startedAt);

    const open = await runCli(['findings'], { COASTGUARD_HOME: home });
    expect(open.code).toBe(0);
    expect(open.stdout).toContain(containers.privileged.name);

    const history = await runCli(['history', '--format', 'json'], { COASTGUARD_HOME: home });
    const assessments = JSON.parse(history.stdout) as { id: string; fixed: number }[];
    expect(assessments.map((a) => a.id)).toEqual([secondReport.assessmentId, report.assessmentId]);
    expect(assessments[0]?.fixed).toBeGreaterThan(0);
  });

  it('--fail-on gates the exit code on the severity of failures', async () => {
    const gated = await runCli(['scan', '--no-store', '--format', 'json', '--fail-on', 'critical'], {
      COASTGUARD_HOME: home,
    });
    expect(gated.code).toBe(1);
    expect(ScanReport.parse(JSON.parse(gated.stdout)).results.some((r) => r.severity === 'critical')).toBe(
      true,
    );
  });

  it('writes the HTML report to --output and to --html, and plain text to a pipe', async () => {
    const output = join(home, 'out', 'report.html');
    const extra = join(home, 'extra.html');
    const outcome = await runCli(
      ['scan', '--no-store', '--format', 'html', '--output', output, '--html', extra],
      {
        COASTGUARD_HOME: home,
      },
    );
    expect(outcome.code).toBe(0);
    expect(outcome.stderr).toContain(output);
    expect(outcome.stderr).toContain(extra);
    for (const path of [output, extra]) {
      const html = await readFile(path, 'utf8');
      expect(html).toMatch(/^<!doctype html>/i);
      expect(html).toContain(containers.hardened.name);
      expect(html).not.toContain('do-not-store');
    }
    expect(existsSync(join(home, 'reports'))).toBe(false);

    const table = await runCli(['scan', '--no-store'], { COASTGUARD_HOME: home });
    expect(table.code).toBe(0);
    expect(table.stdout).toContain(containers.privileged.name);
    expect(table.stdout).not.toContain('\u001b[');
  });
});
