// The matcher on real data: the OSV records, the Debian 12 dpkg database and the npm lockfile in
// ../shared/fixtures, imported into a real store; the expected matches are read from osv/EXPECTED.md itself.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MatchOutcome } from '../../src/core/result/vulnerability.js';
import { parseApkInstalled } from '../../src/image/analyzer/apk/parse.js';
import { parseDpkgStatus } from '../../src/image/analyzer/dpkg/parse.js';
import { parseNpmLockfile } from '../../src/image/analyzer/npm/parse.js';
import { readVulnerabilityDatabaseStatus, updateVulnerabilityDatabase } from '../../src/pipeline/vuln-db.js';
import { openStore, type Store } from '../../src/store/index.js';
import { distroOf } from '../../src/vuln/db/index.js';
import { matchPackages } from '../../src/vuln/match/index.js';
import { assessSeverity } from '../../src/vuln/severity/cvss.js';

const FIXTURES = resolve(import.meta.dirname, '../../../shared/fixtures');
const OSV = join(FIXTURES, 'osv');

/** Rows of the markdown table that follows `heading` (first cells stripped of backticks). */
function tableAfter(markdown: string, heading: string): string[][] {
  const start = markdown.indexOf(heading);
  if (start === -1) throw new Error(`EXPECTED.md has no section ${heading}`);
  const lines = markdown.slice(start).split('\n').slice(1);
  const first = lines.findIndex((l) => l.startsWith('|'));
  const rows: string[][] = [];
  for (const line of lines.slice(first)) {
    if (!line.startsWith('|')) break;
    rows.push(
      line
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.trim().replaceAll('`', '')),
    );
  }
  return rows.slice(2);
}

function affectedPairs(outcomes: readonly MatchOutcome[], of: (o: MatchOutcome) => string): string[] {
  return [...new Set(outcomes.filter((o) => o.kind === 'affected').map(of))].sort();
}

describe('matching the shared OSV fixtures', () => {
  let home: string;
  let store: Store;
  let expected: string;

  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'cgtest-db-'));
    store = await openStore({ home });
    expected = await readFile(join(OSV, 'EXPECTED.md'), 'utf8');
    const report = await updateVulnerabilityDatabase(store, OSV);
    expect(report.diagnostics).toEqual([]);
    expect(report.recordCount).toBe(57);
  });

  afterAll(async () => {
    await store.close();
    await rm(home, { recursive: true, force: true });
  });

  it('reports the source with its record count and age', async () => {
    const status = await readVulnerabilityDatabaseStatus(store);
    expect(status.sources).toEqual([
      expect.objectContaining({ id: OSV, kind: 'directory', recordCount: 57, isStale: false }),
    ]);
    expect(status.warnings).toEqual([]);
    const later = await readVulnerabilityDatabaseStatus(store, {
      now: new Date(Date.now() + 9 * 86_400_000),
    });
    expect(later.isStale).toBe(true);
    expect(later.warnings[0]).toMatch(/9 days old \(limit 7\)/);
  });

  it('finds exactly the expected Debian 12 matches, through source packages', async () => {
    const status = await readFile(join(FIXTURES, 'images/bookworm-main/var/lib/dpkg/status'), 'utf8');
    const osRelease = await readFile(join(FIXTURES, 'images/bookworm-main/etc/os-release'), 'utf8');
    const field = (name: string) => new RegExp(`^${name}="?([^"\\n]*)"?$`, 'm').exec(osRelease)?.[1] ?? '';
    const distro = distroOf(field('ID'), field('VERSION_ID'));
    expect(distro).toEqual({ distro: 'debian', release: '12' });
    const parsed = parseDpkgStatus(status, { file: 'var/lib/dpkg/status', distro: 'debian-12' });
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.value).toHaveLength(106);

    const outcomes = await matchPackages(parsed.value, store.advisories, distro);
    const mustReport = tableAfter(expected, '### Must report (26 advisory ids)');
    const mustNot = tableAfter(expected, '### Must NOT report (11 advisory ids)').map((row) => row[0]);
    expect(mustReport).toHaveLength(26);
    expect(mustNot).toHaveLength(11);

    // Per (advisory, binary package): the table's third column lists the binaries, e.g. "libbrotli1 (binary …)".
    const expectedPairs = mustReport
      .flatMap(([id, , binaries]) =>
        (binaries ?? '').split(',').map((b) => `${id} ${b.replace(/\(.*\)/, '').trim()}`),
      )
      .sort();
    expect(expectedPairs).toHaveLength(37);
    expect(affectedPairs(outcomes, (o) => `${o.advisory.id} ${o.package.name}`)).toEqual(expectedPairs);
    for (const id of mustNot) {
      expect(outcomes.some((o) => o.advisory.id === id && o.kind === 'affected')).toBe(false);
    }
    expect(outcomes.filter((o) => o.kind === 'unknown')).toEqual([]);

    // The fixed version each row states, as the matcher reports it.
    for (const [id, , , , range] of mustReport) {
      const fixed = /fixed (\S+)/.exec(range ?? '')?.[1];
      const found = outcomes.find((o) => o.advisory.id === id && o.kind === 'affected');
      expect(found?.kind === 'affected' ? found.fixedVersions : undefined).toEqual(fixed ? [fixed] : []);
    }
  });

  it('finds exactly the expected npm matches, nested copies and dev dependencies included', async () => {
    const lock = await readFile(join(FIXTURES, 'lockfiles/npm-vulnerable/package-lock.json'), 'utf8');
    const parsed = parseNpmLockfile(lock, { file: 'package-lock.json' });
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.value).toHaveLength(94);
    const outcomes = await matchPackages(parsed.value, store.advisories);
    const mustReport = tableAfter(expected, '### Must report (14 advisory ids, 15 findings)');
    const expectedPairs = mustReport.map(([id, entry]) => `${id} ${entry}`).sort();
    expect(expectedPairs).toHaveLength(15);
    expect(affectedPairs(outcomes, (o) => `${o.advisory.id} ${o.package.location}`)).toEqual(expectedPairs);
    const debug = outcomes.find((o) => o.kind === 'affected' && o.advisory.id === 'GHSA-gxpj-cx7g-858c');
    expect(debug?.package.isDev).toBe(true);
    expect(outcomes.filter((o) => o.kind === 'unknown')).toEqual([]);
  });

  it('finds the expected Alpine 3.18 match through the origin package', async () => {
    const installed = ['libcrypto3', 'libssl3']
      .map((name) => `C:Q1abc=\nP:${name}\nV:3.1.4-r0\nA:x86_64\no:openssl\n`)
      .join('\n');
    const parsed = parseApkInstalled(installed, { file: 'lib/apk/db/installed', distro: '3.18.4' });
    const outcomes = await matchPackages(parsed.value, store.advisories, distroOf('alpine', '3.18.4'));
    const rows = tableAfter(expected, '## Alpine (no corpus yet)');
    const expectedPairs = rows
      .filter(([, , verdict]) => verdict?.startsWith('affected'))
      .flatMap(([id]) => ['libcrypto3', 'libssl3'].map((name) => `${id} ${name}`));
    expect(expectedPairs).toHaveLength(2);
    expect(affectedPairs(outcomes, (o) => `${o.advisory.id} ${o.package.name}`)).toEqual(expectedPairs);
    expect(outcomes.filter((o) => o.kind !== 'affected').map((o) => o.kind)).toEqual([
      'not-affected',
      'not-affected',
      'not-affected',
      'not-affected',
    ]);
  });

  it('rates severity from the records: CVSS where given, the record’s rating, else unknown', async () => {
    const [heartbleedCve] = await store.advisories.findById('DEBIAN-CVE-2026-42767');
    expect(heartbleedCve && assessSeverity(heartbleedCve)).toMatchObject({
      severity: 'medium',
      source: 'cvss',
      cvss: { version: '3.1', baseScore: 5.9 },
    });
    const [noSeverity] = await store.advisories.findById('DEBIAN-CVE-2026-75806');
    expect(noSeverity && assessSeverity(noSeverity)).toEqual({ severity: 'unknown', source: 'none' });
    const byAlias = await store.advisories.findById('CVE-2014-0160');
    expect(byAlias.map((a) => a.id)).toEqual(['DEBIAN-CVE-2014-0160', 'DSA-2896-1']);
  });
});
