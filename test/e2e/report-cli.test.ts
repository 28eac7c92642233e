// `coastguard report` end to end: a real scan through the CLI is recorded, then evaluated per framework and
// written as JSON, JUnit and CSV; configuration, waivers and the usage errors behave as documented.
import { createHash } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliOutcome, makeHome, requireBuiltCli, runCli } from '../support/cli.js';
import { buildBusyboxImage, removeTestObjects, testDocker } from '../support/engine.js';
import { oscalAssessmentResultsValidator } from '../support/oscal-schema.js';

let home: string;

function runReport(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliOutcome> {
  return runCli(['report', ...args], { COASTGUARD_HOME: home, ...env });
}

interface JsonReport {
  framework: { id: string; version: string };
  assessment: { id: string; startedAt: string };
  controls: {
    id: string;
    title: string;
    status: string;
    checks: { checkId: string; pass: number; fail: number }[];
    waivers: { waiverId: string; state: string }[];
    attestations: { id: string; by: string; state: string; files: { sha256: string }[] }[];
  }[];
  summary: Record<string, number>;
}

beforeAll(async () => {
  requireBuiltCli();
  home = await makeHome();
});

afterAll(async () => {
  if (home) await rm(home, { recursive: true, force: true });
  await removeTestObjects('cgtest-report-');
});

describe('coastguard report before any scan', () => {
  it('says to run coastguard scan first, exit 2', async () => {
    const outcome = await runReport(['--framework', 'pci-dss-4.0']);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toMatch(/run coastguard scan first/);
    expect(outcome.stdout).toBe('');
  });
});

describe('coastguard report after a scan', () => {
  let assessmentId: string;

  beforeAll(async () => {
    // A created privileged container (runc here refuses to start one): CIS 5.5 fails on it, so a waiver has work.
    const image = await buildBusyboxImage('cgtest-report-busybox:1');
    await (await testDocker()).createContainer({
      name: 'cgtest-report-privileged',
      Image: image,
      Cmd: ['sleep', '600'],
      HostConfig: { Privileged: true },
    });
    const scan = await runCli(['scan', '--format', 'json'], { COASTGUARD_HOME: home });
    expect(scan.stderr).toBe('');
    expect(scan.code).toBe(0);
    assessmentId = (JSON.parse(scan.stdout) as { assessmentId: string }).assessmentId;
  }, 120_000);

  it('an unknown framework is exit 2 listing the valid ids', async () => {
    const outcome = await runReport(['--framework', 'iso-27001']);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain('Unknown framework "iso-27001"');
    for (const id of ['pci-dss-4.0', 'hipaa-security-rule', 'fedramp-moderate', 'kubernetes-pss']) {
      expect(outcome.stderr).toContain(id);
    }
  });

  it('an unknown format is a usage error, exit 2', async () => {
    expect((await runReport(['--framework', 'pci-dss-4.0', '--format', 'docx'])).code).toBe(2);
  });

  it('JSON: the contract, for the newest assessment, with a status for every control', async () => {
    const outcome = await runReport(['--framework', 'cis-docker-1.6.0']);
    expect(outcome.stderr).toBe('');
    expect(outcome.code).toBe(0);
    const report = JSON.parse(outcome.stdout) as JsonReport;
    expect(report.framework).toEqual({ id: 'cis-docker-1.6.0', version: '1.6.0' });
    expect(report.assessment.id).toBe(assessmentId);
    expect(report.controls).toHaveLength(117);
    const total = Object.values(report.summary).reduce((a, b) => a + b, 0);
    expect(total).toBe(117);
    // 5.5 (privileged) is judged per container from machine state: some verdict, never manual.
    const privileged = report.controls.find((c) => c.id === '5.5');
    expect(privileged?.checks.map((c) => c.checkId)).toEqual(['container-privileged']);
    expect(['satisfied', 'partially', 'not-satisfied', 'not-applicable']).toContain(privileged?.status);
    for (const c of report.controls) expect(c.attestations).toEqual([]);
  });

  it('FedRAMP Moderate is evaluated through NIST SP 800-53, with fewer controls than High', async () => {
    const moderate = JSON.parse((await runReport(['--framework', 'fedramp-moderate'])).stdout) as JsonReport;
    const high = JSON.parse((await runReport(['--framework', 'fedramp-high'])).stdout) as JsonReport;
    expect(moderate.controls.length).toBeLessThan(high.controls.length);
    expect(moderate.controls.some((c) => c.checks.length > 0)).toBe(true);
  });

  it('on Fargate (set in coastguard.yaml) host file controls are inherited; a waiver covers every privileged failure', async () => {
    const config = join(home, 'fargate.yaml');
    await writeFile(
      config,
      [
        'platform: ecs-fargate',
        'waivers:',
        '  - id: all-privileged',
        '    check: container-privileged',
        '    justification: test waiver',
        '    approver: tester@example.com',
        '    expires: 2999-01-01',
        '',
      ].join('\n'),
    );
    const outcome = await runReport(['--framework', 'cis-docker-1.6.0', '--config', config]);
    expect(outcome.code).toBe(0);
    const report = JSON.parse(outcome.stdout) as JsonReport;
    expect(report.controls.find((c) => c.id === '3.1')?.status).toBe('inherited');
    const privileged = report.controls.find((c) => c.id === '5.5');
    expect(privileged?.checks[0]?.fail).toBe(0);
    expect(privileged?.status).not.toBe('not-satisfied');
    expect(privileged?.waivers.map((w) => w.state)).toEqual(['applied']);
  });

  it('records the waivers a report used, once per assessment, and each change of the configuration file', async () => {
    const trail = async (action: string) => {
      const shown = await runCli(['audit', 'show', '--action', action, '--format', 'json'], {
        COASTGUARD_HOME: home,
      });
      expect(shown.code, shown.stderr).toBe(0);
      return (JSON.parse(shown.stdout) as { subject: string; data: Record<string, unknown> }[]).filter(
        (e) => e.subject.includes('fargate-audit.yaml') || e.subject === 'waiver:privileged-audit',
      );
    };
    const config = join(home, 'fargate-audit.yaml');
    const text = (expires: string) =>
      [
        'platform: ecs-fargate',
        'waivers:',
        '  - id: privileged-audit',
        '    check: container-privileged',
        '    justification: test waiver',
        '    approver: tester@example.com',
        `    expires: ${expires}`,
        '',
      ].join('\n');
    await writeFile(config, text('2999-01-01'));
    for (let i = 0; i < 2; i += 1) {
      expect((await runReport(['--framework', 'cis-docker-1.6.0', '--config', config])).code).toBe(0);
    }
    const applied = await trail('waiver.applied');
    expect(applied).toHaveLength(1);
    expect(applied[0]?.data).toMatchObject({
      waiverId: 'privileged-audit',
      framework: 'cis-docker-1.6.0',
      approver: 'tester@example.com',
    });
    expect(await trail('config.changed')).toHaveLength(1);

    await writeFile(config, text('2001-01-01'));
    expect((await runReport(['--framework', 'cis-docker-1.6.0', '--config', config])).code).toBe(0);
    const changes = await trail('config.changed');
    expect(changes).toHaveLength(2);
    expect(changes[1]?.data.previousSha256).toBe(changes[0]?.data.sha256);
    expect(JSON.stringify(changes)).not.toContain('test waiver');
    expect(await trail('waiver.expired')).toHaveLength(1);
  });

  it('a bad coastguard.yaml is exit 2 naming file, line and column', async () => {
    const config = join(home, 'bad.yaml');
    await writeFile(
      config,
      'platform: ec2\nwaivers:\n  - check: no-such-check\n    justification: j\n    approver: a\n    expires: 2030-01-01\n',
    );
    const outcome = await runReport(['--framework', 'pci-dss-4.0', '--config', config]);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain(`${config}:3:12: waivers.0.check: unknown check "no-such-check"`);
  });

  it('JUnit and CSV to files, for a given assessment', async () => {
    const junit = join(home, 'out', 'pci.xml');
    const csv = join(home, 'out', 'pci.csv');
    const a = await runReport([
      '--framework',
      'pci-dss-4.0',
      '--assessment',
      assessmentId,
      '--format',
      'junit',
      '--output',
      junit,
    ]);
    const b = await runReport(['--framework', 'pci-dss-4.0', '--format', 'csv', '--output', csv]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const xml = await readFile(junit, 'utf8');
    expect(xml.startsWith('<?xml')).toBe(true);
    expect(xml.match(/<testcase /g)).toHaveLength(113);
    const rows = (await readFile(csv, 'utf8')).split('\r\n').filter((r) => r !== '');
    expect(rows[0]).toBe('framework,control,title,status,pass,fail,waived,checks,subjects,waivers');
    expect(rows).toHaveLength(114);
  });

  it('an unknown assessment id is exit 2', async () => {
    const outcome = await runReport(['--framework', 'pci-dss-4.0', '--assessment', 'nope']);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain('No assessment nope');
  });

  it('attest: a manual control answered with hashed evidence is satisfied, shown on the control and in the trail', async () => {
    const evidence = join(home, 'firewall-policy.txt');
    await writeFile(evidence, 'Network security policy, approved 2026-10-01\n');
    const env = { COASTGUARD_HOME: home };
    const attested = await runCli(
      [
        'attest',
        'pci-dss-4.0:1.1.1',
        '--statement',
        'Network security policy is documented and in use',
        '--file',
        evidence,
        '--by',
        'ciso@example.com',
        '--expires',
        '2999-01-01',
      ],
      env,
    );
    expect(attested.stderr).toBe('');
    expect(attested.code).toBe(0);
    const sha256 = createHash('sha256')
      .update(await readFile(evidence))
      .digest('hex');
    expect(attested.stdout).toContain(`sha256:${sha256}`);
    const expired = [
      'attest',
      'pci-dss-4.0:1.1.2',
      '--statement',
      'roles assigned',
      '--expires',
      '2001-01-01',
    ];
    expect((await runCli(expired, env)).code).toBe(0);

    const report = JSON.parse((await runReport(['--framework', 'pci-dss-4.0'])).stdout) as JsonReport;
    const answered = report.controls.find((c) => c.id === '1.1.1');
    expect(answered?.status).toBe('satisfied');
    expect(answered?.attestations).toEqual([
      expect.objectContaining({
        by: 'ciso@example.com',
        state: 'current',
        files: [expect.objectContaining({ sha256 })],
      }),
    ]);
    const lapsed = report.controls.find((c) => c.id === '1.1.2');
    expect(lapsed?.status).toBe('manual');
    expect(lapsed?.attestations.map((a) => a.state)).toEqual(['expired']);

    const shown = await runCli(
      ['audit', 'show', '--action', 'attestation.recorded', '--format', 'json'],
      env,
    );
    const entries = JSON.parse(shown.stdout) as {
      actor: string;
      subject: string;
      data: { attestationId: string };
    }[];
    expect(entries.map((e) => e.subject)).toEqual(['control:pci-dss-4.0:1.1.1', 'control:pci-dss-4.0:1.1.2']);
    expect(entries[0]?.actor).toBe('ciso@example.com');
    expect(entries[0]?.data.attestationId).toBe(answered?.attestations[0]?.id);
    const listed = await runCli(['attestations', '--framework', 'pci-dss-4.0'], env);
    expect(listed.stdout).toMatch(/pci-dss-4.0:1.1.1\s+ciso@example.com/);
  });

  it('attest: an unknown control, a missing file or a bad date is exit 2 and stores nothing', async () => {
    const env = { COASTGUARD_HOME: home };
    const before = (await runCli(['attestations', '--format', 'json'], env)).stdout;
    const cases: [string[], RegExp][] = [
      [['attest', 'pci-dss-4.0:99.9', '--statement', 's'], /pci-dss-4.0 has no control "99.9"/],
      [['attest', 'iso-27001:A.5', '--statement', 's'], /not FRAMEWORK:CONTROL with a known framework/],
      [['attest', 'pci-dss-4.0:1.1.1', '--statement', 's', '--file', join(home, 'nope.pdf')], /nope\.pdf/],
      [['attest', 'pci-dss-4.0:1.1.1', '--statement', 's', '--file', home], /not a regular file/],
      [
        ['attest', 'pci-dss-4.0:1.1.1', '--statement', 's', '--expires', 'soon'],
        /--expires soon is not a date/,
      ],
      [['attest', 'pci-dss-4.0:1.1.1', '--statement', '  '], /statement is empty/],
    ];
    for (const [args, message] of cases) {
      const outcome = await runCli(args, env);
      expect(outcome.code, args.join(' ')).toBe(2);
      expect(outcome.stderr).toMatch(message);
    }
    expect((await runCli(['attestations', '--format', 'json'], env)).stdout).toBe(before);
  });

  it('attest: an answer given to a FedRAMP baseline is recorded against NIST SP 800-53 and counts in every baseline', async () => {
    const env = { COASTGUARD_HOME: home };
    const outcome = await runCli(['attest', 'fedramp-low:IR-8', '--statement', 'IR plan approved'], env);
    expect(outcome.code, outcome.stderr).toBe(0);
    expect(outcome.stdout).toContain('nist-800-53-r5:IR-8');
    for (const framework of ['fedramp-moderate', 'nist-800-53-r5']) {
      const report = JSON.parse((await runReport(['--framework', framework])).stdout) as JsonReport;
      expect(report.controls.find((c) => c.id === 'IR-8')?.status).toBe('satisfied');
    }
  });
});

describe('coastguard report for people and for FedRAMP tooling', () => {
  it('OSCAL assessment results from a real assessment validate against NIST schema', async () => {
    const validator = oscalAssessmentResultsValidator();
    for (const framework of ['fedramp-moderate', 'pci-dss-4.0', 'hipaa-security-rule']) {
      const outcome = await runReport(['--framework', framework, '--format', 'oscal']);
      expect(outcome.code, outcome.stderr).toBe(0);
      const doc = JSON.parse(outcome.stdout) as {
        'assessment-results': { results: { findings?: unknown[] }[] };
      };
      expect(validator(doc), `${framework}: ${JSON.stringify(validator.errors?.slice(0, 3))}`).toBe(true);
      expect(doc['assessment-results'].results[0]?.findings?.length ?? 0).toBeGreaterThan(0);
    }
  });

  it('HTML opens in real Chromium with the executive summary in view; PDF is printed by it', async () => {
    const page = join(home, 'out', 'pci.html');
    const pdf = join(home, 'out', 'pci.pdf');
    const htmlRun = await runReport(['--framework', 'pci-dss-4.0', '--format', 'html', '--output', page]);
    const pdfRun = await runReport(['--framework', 'pci-dss-4.0', '--format', 'pdf', '--output', pdf]);
    expect([htmlRun.code, pdfRun.code], htmlRun.stderr + pdfRun.stderr).toEqual([0, 0]);

    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
    try {
      const tab = await browser.newPage({ viewport: { width: 1200, height: 900 }, javaScriptEnabled: false });
      await tab.goto(pathToFileURL(page).href);
      const summary = tab.locator('#summary');
      expect(await summary.isVisible()).toBe(true);
      expect(await summary.innerText()).toMatch(/\d+ of \d+ requirements satisfied\./);
      const box = await summary.boundingBox();
      expect(box?.y ?? Number.POSITIVE_INFINITY).toBeLessThan(900);
      const shot = await tab.screenshot({ path: join(home, 'out', 'pci-summary.png') });
      expect(shot.subarray(1, 4).toString()).toBe('PNG');
      // The status bar is drawn: some pixel of the screenshot area carries a status colour, not just white.
      const barColours = await tab.locator('#summary .statusbar span').evaluateAll((spans) => spans.length);
      expect(barColours).toBeGreaterThan(0);
    } finally {
      await browser.close();
    }

    const bytes = await readFile(pdf);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(20_000);
    expect((bytes.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length).toBeGreaterThan(1);
  }, 180_000);

  it('takes the framework from coastguard.yaml when --framework is not given, and checks the ids it lists', async () => {
    const config = join(home, 'frameworks.yaml');
    await writeFile(config, 'frameworks: [hipaa-security-rule, pci-dss-4.0]\n');
    const chosen = await runReport(['--config', config]);
    expect(chosen.code, chosen.stderr).toBe(0);
    expect((JSON.parse(chosen.stdout) as JsonReport).framework.id).toBe('hipaa-security-rule');

    await writeFile(config, 'frameworks:\n  - pci-dss-4.0\n  - iso-27001\n');
    const bad = await runReport(['--config', config]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`${config}:3:5: frameworks.1: unknown framework "iso-27001"`);

    await writeFile(config, 'platform: ec2\n');
    const none = await runReport(['--config', config]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/Which framework\? Give --framework/);
  });

  it('--since names the controls that changed between two assessments; the trend has a point for each', async () => {
    const before = JSON.parse((await runReport(['--framework', 'cis-docker-1.6.0'])).stdout) as JsonReport;
    expect(before.controls.find((c) => c.id === '5.5')?.status).not.toBe('satisfied');
    await (await testDocker()).getContainer('cgtest-report-privileged').remove({ force: true });
    const rescan = await runCli(['scan', '--format', 'json'], { COASTGUARD_HOME: home });
    expect(rescan.code, rescan.stderr).toBe(0);

    const outcome = await runReport(['--framework', 'cis-docker-1.6.0', '--since', before.assessment.id]);
    expect(outcome.code, outcome.stderr).toBe(0);
    const report = JSON.parse(outcome.stdout) as JsonReport & {
      changes: { since: { id: string }; controls: { id: string; from: string; to: string }[] };
    };
    expect(report.changes.since.id).toBe(before.assessment.id);
    expect(report.changes.controls).toContainEqual(
      expect.objectContaining({
        id: '5.5',
        from: before.controls.find((c) => c.id === '5.5')?.status,
        to: 'satisfied',
      }),
    );
    const byTime = await runReport(['--framework', 'cis-docker-1.6.0', '--since', '1s']);
    expect(JSON.parse(byTime.stdout).changes.since.id).toBe(before.assessment.id);

    const page = await runReport(['--framework', 'cis-docker-1.6.0', '--format', 'html', '--since', '1s']);
    expect(page.stdout).toContain('<section id="changes">');
    expect(page.stdout.match(/<tr><td>\d+ \w{3} \d{4}/g)?.length).toBeGreaterThanOrEqual(2);

    const unknown = await runReport(['--framework', 'cis-docker-1.6.0', '--since', 'no-such-assessment']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--since: no assessment no-such-assessment');
  });
});
