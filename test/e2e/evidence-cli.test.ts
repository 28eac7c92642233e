// `coastguard evidence export|verify` end to end: a real scan and attestation exported as a signed archive, checked
// here and as an auditor would elsewhere (with the exported public key), then tampered with by hand and caught.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalize } from '../../src/core/audit/audit-entry.js';
import { makeHome, requireBuiltCli, runCli } from '../support/cli.js';

const run = promisify(execFile);
let home: string;
let archive: string;

function cli(args: string[]) {
  return runCli(args, { COASTGUARD_HOME: home });
}

beforeAll(async () => {
  requireBuiltCli();
  home = await makeHome();
  expect((await cli(['scan', '--format', 'json'])).code).toBe(0);
  const evidence = join(home, 'ir-plan.txt');
  await writeFile(evidence, 'Incident response plan v3\n');
  expect(
    (await cli(['attest', 'pci-dss-4.0:12.10.1', '--statement', 'IR plan approved', '--file', evidence]))
      .code,
  ).toBe(0);
}, 120_000);

afterAll(async () => {
  if (home) await rm(home, { recursive: true, force: true });
});

describe('coastguard evidence', () => {
  it('exports the assessment, a report per framework in each format and the attestations, signed', async () => {
    archive = join(home, 'out', 'bundle.tar.gz');
    const outcome = await cli([
      'evidence',
      'export',
      '--framework',
      'pci-dss-4.0',
      '--framework',
      'fedramp-moderate',
      '--output',
      archive,
    ]);
    expect(outcome.code, outcome.stderr).toBe(0);
    expect(outcome.stdout).toMatch(
      /Evidence bundle written to .*bundle\.tar\.gz \(10 files, manifest sha256:[0-9a-f]{64}\)/,
    );
    expect(outcome.stderr).toContain('reports/fedramp-moderate.oscal.json');

    const unpacked = join(home, 'unpacked');
    await mkdir(unpacked);
    await run('tar', ['-xzf', archive, '-C', unpacked]);
    const { stdout: listing } = await run('tar', ['-tzf', archive]);
    const root = listing.split('\n')[0]?.split('/')[0] ?? '';
    expect(listing.split('\n')[0]).toBe(`${root}/manifest.json`);
    const files = listing
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => l.slice(root.length + 1));
    expect(files.sort()).toEqual([
      'README.txt',
      'assessment.json',
      'attestations.json',
      'manifest.json',
      'reports/fedramp-moderate.html',
      'reports/fedramp-moderate.json',
      'reports/fedramp-moderate.oscal.json',
      'reports/pci-dss-4.0.html',
      'reports/pci-dss-4.0.json',
      'reports/pci-dss-4.0.oscal.json',
    ]);
    // The reports' evidence hash is recomputable from the bundle's assessment.json, as README.txt says.
    const stored = JSON.parse(await readFile(join(unpacked, root, 'assessment.json'), 'utf8'));
    const recomputed = createHash('sha256')
      .update(canonicalize({ snapshot: stored.snapshot, results: stored.results }))
      .digest('hex');
    const manifest = JSON.parse(await readFile(join(unpacked, root, 'manifest.json'), 'utf8'));
    expect(manifest.assessment.sha256).toBe(recomputed);
    expect(await readFile(join(unpacked, root, 'reports/pci-dss-4.0.html'), 'utf8')).toContain(recomputed);
    const attestations = JSON.parse(await readFile(join(unpacked, root, 'attestations.json'), 'utf8'));
    expect(attestations[0].control).toBe('12.10.1');

    const trail = await cli(['audit', 'show', '--action', 'evidence.exported', '--format', 'json']);
    expect(JSON.parse(trail.stdout)[0].data.archive).toBe(archive);
  });

  it('verifies with this host key, and elsewhere with the exported public key', async () => {
    const here = await cli(['evidence', 'verify', archive]);
    expect(here.code, here.stdout + here.stderr).toBe(0);
    expect(here.stdout).toContain("intact (9 files; signature checked against this host's audit key)");

    const key = join(home, 'auditor', 'coastguard.pem');
    await mkdir(join(home, 'auditor'));
    await writeFile(key, (await cli(['audit', 'key'])).stdout);
    const auditorHome = await makeHome();
    try {
      const elsewhere = await runCli(['evidence', 'verify', archive, '--public-key', key], {
        COASTGUARD_HOME: auditorHome,
      });
      expect(elsewhere.code, elsewhere.stdout).toBe(0);
      const untrusted = await runCli(['evidence', 'verify', archive], { COASTGUARD_HOME: auditorHome });
      expect(untrusted.code).toBe(0);
      expect(untrusted.stdout).toContain('proves integrity, not origin');
    } finally {
      await rm(auditorHome, { recursive: true, force: true });
    }
  });

  it('names the file altered in a repacked bundle, exit 1; a directory bundle is checked the same way', async () => {
    const unpacked = join(home, 'unpacked');
    const { stdout: listing } = await run('tar', ['-tzf', archive]);
    const root = listing.split('\n')[0]?.split('/')[0] ?? '';
    const report = join(unpacked, root, 'reports/pci-dss-4.0.json');
    await writeFile(report, (await readFile(report, 'utf8')).replace('"not-satisfied"', '"satisfied"'));
    const tampered = join(home, 'out', 'tampered.tar.gz');
    await run('tar', ['-czf', tampered, '-C', unpacked, root]);
    for (const target of [tampered, join(unpacked, root)]) {
      const outcome = await cli(['evidence', 'verify', target]);
      expect(outcome.code).toBe(1);
      expect(outcome.stdout).toContain('ALTERED: reports/pci-dss-4.0.json was modified');
      expect(outcome.stdout.match(/ALTERED/g)).toHaveLength(1);
    }
  });

  it('bad input: a missing bundle, no framework, an unknown framework are exit 2 with what is wrong', async () => {
    const missing = await cli(['evidence', 'verify', join(home, 'nope.tar.gz')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.tar.gz');
    const none = await cli(['evidence', 'export', '--output', join(home, 'out', 'x.tar.gz')]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/Which frameworks\?/);
    const unknown = await cli(['evidence', 'export', '--framework', 'iso-27001']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown framework "iso-27001"');
    const { stdout } = await run('ls', ['-A', join(home, 'evidence')]);
    expect(stdout.trim()).toBe('');
  });
});
