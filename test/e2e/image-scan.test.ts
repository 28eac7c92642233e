// `coastguard image scan` on real images in the real engine: the Debian 12 extract as a base image, an application
// image built on it with the real npm lockfile, the same image as a `docker save` archive and as an OCI layout,
// matched against the fixture advisories: exactly the matches of fixtures/osv/EXPECTED.md, fixedBy right.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImageScanResult } from '../../src/core/image/image-scan.js';
import { DATABASE_FILE } from '../../src/store/index.js';
import { makeHome, requireBuiltCli, runCli } from '../support/cli.js';
import { ensureEngine, removeTestObjects } from '../support/engine.js';
import { sarifValidator, spdx23Validator, validateCycloneDx16 } from '../support/sbom-validators.js';

const run = promisify(execFile);
const PREFIX = 'cgtest-imgscan-';
const BASE = `${PREFIX}bookworm:1`;
const APP = `${PREFIX}app:1`;
const FIXTURES = resolve(import.meta.dirname, '../../../shared/fixtures');
const env = { DOCKER_API_VERSION: process.env.DOCKER_API_VERSION ?? '1.41' };

const DEBIAN_MUST = [
  'DEBIAN-CVE-2026-42767',
  'DEBIAN-CVE-2026-63072',
  'DEBIAN-CVE-2026-75803',
  'DEBIAN-CVE-2026-54874',
  'DEBIAN-CVE-2026-75806',
  'DEBIAN-CVE-2026-77696',
  'DLA-4795-1',
  'DEBIAN-CVE-2024-28757',
  'DEBIAN-CVE-2025-59375',
  'DEBIAN-CVE-2026-25210',
  'DEBIAN-CVE-2026-56131',
  'DEBIAN-CVE-2026-72522',
  'DEBIAN-CVE-2026-77214',
  'DLA-4807-1',
  'DEBIAN-CVE-2026-111497',
  'DEBIAN-CVE-2026-103111',
  'DEBIAN-CVE-2026-107161',
  'DEBIAN-CVE-2025-15661',
  'DEBIAN-CVE-2026-66032',
  'DEBIAN-CVE-2026-8376',
  'DEBIAN-CVE-2026-42496',
  'DLA-4821-1',
  'DEBIAN-CVE-2026-109518',
  'DEBIAN-CVE-2011-3374',
  'DEBIAN-CVE-2010-4756',
  'DEBIAN-CVE-2023-45853',
];
const NPM_MUST = [
  'GHSA-jf85-cpcp-j695',
  'GHSA-p6mc-m468-83gw',
  'GHSA-35jh-r3h4-6jhm',
  'GHSA-xvch-5gv4-984h',
  'GHSA-vh95-rmgr-6w4m',
  'GHSA-rv95-896h-c2vc',
  'GHSA-qw6h-vgh9-j6wx',
  'GHSA-8cf7-32gw-wr33',
  'GHSA-hjrf-2m68-5959',
  'GHSA-qwph-4952-7xr6',
  'GHSA-9wv6-86v2-598j',
  'GHSA-qwcr-r2fm-qrc7',
  'GHSA-pxg6-pf52-xh8x',
  'GHSA-gxpj-cx7g-858c',
];

let home: string;
let work: string;

async function scan(ref: string): Promise<ImageScanResult> {
  const outcome = await runCli(['image', 'scan', ref, '--format', 'json'], { ...env, COASTGUARD_HOME: home });
  expect(outcome.stderr).not.toMatch(/Error|error:/);
  expect(outcome.code).toBe(0);
  return JSON.parse(outcome.stdout) as ImageScanResult;
}

function ids(result: ImageScanResult): string[] {
  return [...new Set(result.vulnerabilities.map((v) => v.id))].sort();
}

beforeAll(async () => {
  requireBuiltCli();
  await ensureEngine();
  await removeTestObjects(PREFIX);
  home = await makeHome();
  work = await mkdtemp(join(tmpdir(), `${PREFIX}work-`));
  const imported = await runCli(['db', 'update', '--source', join(FIXTURES, 'osv')], {
    COASTGUARD_HOME: home,
  });
  expect(imported.code).toBe(0);
  await run(
    'sh',
    ['-c', 'tar -C "$1" -c . | docker import - "$2"', 'sh', join(FIXTURES, 'images/bookworm-main'), BASE],
    {
      env: { ...process.env, ...env },
    },
  );
  const context = join(work, 'app');
  await mkdir(context);
  await copyFile(
    join(FIXTURES, 'lockfiles/npm-vulnerable/package-lock.json'),
    join(context, 'package-lock.json'),
  );
  await writeFile(
    join(context, 'Dockerfile'),
    `FROM ${BASE}\nCOPY package-lock.json /app/package-lock.json\nENV API_TOKEN=ghp_abcdefghijklmnopqrstuvwxyz0123456789\n`,
  );
  await run('docker', ['build', '-q', '-t', APP, context], {
    env: { ...process.env, ...env, DOCKER_BUILDKIT: '0' },
  });
}, 180_000);

afterAll(async () => {
  await removeTestObjects(PREFIX);
  if (work) await rm(work, { recursive: true, force: true });
  if (home) await rm(home, { recursive: true, force: true });
});

describe('coastguard image scan', () => {
  it('reports exactly the expected Debian advisories of the Debian 12 image, 37 findings', async () => {
    const result = await scan(BASE);
    expect(result.image.os).toMatchObject({ id: 'debian', versionId: '12' });
    expect(result.packages.length).toBe(106);
    expect(
      result.packages.every(
        (p) => p.purl.startsWith('pkg:deb/debian/') && p.purl.includes('distro=debian-12'),
      ),
    ).toBe(true);
    expect(ids(result)).toEqual([...DEBIAN_MUST].sort());
    expect(result.vulnerabilities).toHaveLength(37);
    const zlib = result.vulnerabilities.find((v) => v.id === 'DEBIAN-CVE-2023-45853');
    expect(zlib).toMatchObject({ package: 'zlib1g', fixedBy: 'none' });
    expect(zlib?.fixedVersion).toBeUndefined();
    const ssh = result.vulnerabilities.find((v) => v.id === 'DEBIAN-CVE-2025-15661');
    expect(ssh).toMatchObject({
      package: 'libssh2-1',
      installedVersion: '1.10.0-3+b1',
      fixedVersion: '1.10.0-3+deb12u1',
    });
    // Without a vector, the matched entry's Debian urgency rates the finding: `unimportant` is info.
    const severities = (id: string) =>
      new Set(result.vulnerabilities.filter((v) => v.id === id).map((v) => v.severity));
    expect(severities('DEBIAN-CVE-2011-3374')).toEqual(new Set(['info']));
    expect(severities('DEBIAN-CVE-2010-4756')).toEqual(new Set(['info']));
    expect(severities('DEBIAN-CVE-2023-45853')).toEqual(new Set(['unknown']));
    expect(severities('DEBIAN-CVE-2026-42767')).toEqual(new Set(['medium']));
  });

  it('on an application image: base fixes come from the base image, npm fixes from the application layer', async () => {
    const result = await scan(APP);
    expect(result.baseImage?.ref).toBe(BASE);
    expect(result.layers.map((l) => l.base)).toEqual([true, false]);
    expect(result.layers[1]?.createdBy).toContain('COPY');
    expect(ids(result)).toEqual([...DEBIAN_MUST, ...NPM_MUST].sort());
    expect(result.vulnerabilities).toHaveLength(37 + 15);
    for (const v of result.vulnerabilities) {
      if (v.fixedVersion === undefined) expect(v.fixedBy).toBe('none');
      else expect(v.fixedBy).toBe(v.ecosystem === 'deb' ? 'base' : 'application');
    }
    const lodash = result.packages.find((p) => p.name === 'lodash');
    expect(lodash).toMatchObject({
      version: '4.17.11',
      purl: 'pkg:npm/lodash@4.17.11',
      layer: result.layers[1]?.diffId,
    });
    // The token in ENV is reported, never its value.
    expect(result.secrets.some((s) => s.layer === 'config' && s.path.includes('API_TOKEN'))).toBe(true);
    expect(JSON.stringify(result)).not.toContain('ghp_abcdefghijklmnopqrstuvwxyz0123456789');
  });

  it('HTML, SARIF, CycloneDX 1.6 and SPDX 2.3 of the application image carry every finding and validate', async () => {
    const json = await scan(APP);
    const render = async (format: string) => {
      const outcome = await runCli(['image', 'scan', APP, '--format', format], {
        ...env,
        COASTGUARD_HOME: home,
      });
      expect(outcome.code, outcome.stderr).toBe(0);
      expect(outcome.stdout).not.toContain('ghp_abcdefghijklmnopqrstuvwxyz0123456789');
      return outcome.stdout;
    };
    const sarifText = await render('sarif');
    const validateSarif = sarifValidator();
    const sarif = JSON.parse(sarifText);
    expect(validateSarif(sarif), JSON.stringify(validateSarif.errors?.slice(0, 3))).toBe(true);
    const results = sarif.runs[0].results as { ruleId: string; level: string }[];
    expect(results).toHaveLength(json.vulnerabilities.length + json.secrets.length);
    expect(results.filter((r) => r.ruleId.startsWith('secret/')).length).toBeGreaterThan(0);

    const cdxText = await render('cyclonedx');
    expect(await validateCycloneDx16(cdxText)).toBeNull();
    const cdx = JSON.parse(cdxText);
    expect(cdx.components).toHaveLength(json.packages.length);
    expect(cdx.vulnerabilities).toHaveLength(json.vulnerabilities.length);
    const refs = new Set(cdx.components.map((c: { 'bom-ref': string }) => c['bom-ref']));
    for (const v of cdx.vulnerabilities) expect(refs.has(v.affects[0].ref)).toBe(true);

    const page = await render('html');
    expect(page).toContain(`<h1>Image scan: ${APP}</h1>`);
    expect(page.match(/<tr><td><span class="badge sev-|<tr><td><span class="muted">unknown/g)).toHaveLength(
      json.vulnerabilities.length,
    );

    const spdxText = await render('spdx');
    const validateSpdx = spdx23Validator();
    const spdx = JSON.parse(spdxText);
    expect(validateSpdx(spdx), JSON.stringify(validateSpdx.errors?.slice(0, 3))).toBe(true);
    expect(spdx.packages).toHaveLength(json.packages.length + 1);
    const lodash = spdx.packages.find((p: { name: string }) => p.name === 'lodash');
    expect(lodash.externalRefs[0].referenceLocator).toBe('pkg:npm/lodash@4.17.11');
  });

  it('reads the same image from a docker save archive and from an OCI layout', async () => {
    const fromEngine = await scan(APP);
    const archive = join(work, 'app.tar');
    await run('docker', ['save', '-o', archive, APP], { env: { ...process.env, ...env } });
    const fromArchive = await scan(`docker-archive:${archive}`);
    expect(fromArchive.image.digest).toBe(fromEngine.image.digest);
    expect(fromArchive.packages).toEqual(fromEngine.packages);
    expect(ids(fromArchive)).toEqual(ids(fromEngine));

    const layout = await ociLayoutFrom(archive, join(work, 'layout'));
    const fromLayout = await scan(`oci:${layout}`);
    expect(fromLayout.image.digest).toBe(fromEngine.image.digest);
    expect(fromLayout.packages).toEqual(fromEngine.packages);
  });

  it('coastguard affected: images carrying an advisory by id or alias, once each, and their containers', async () => {
    await run('docker', ['create', '--name', `${PREFIX}stopped`, APP, 'true'], {
      env: { ...process.env, ...env },
    });
    const npm = await runCli(['affected', 'GHSA-jf85-cpcp-j695', '--format', 'json'], {
      ...env,
      COASTGUARD_HOME: home,
    });
    expect(npm.code).toBe(0);
    const report = JSON.parse(npm.stdout) as {
      images: { refs: string[]; fixedBy: string; packages: { name: string }[] }[];
      containers: { name: string; state: string }[];
    };
    expect(report.images.map((i) => i.refs)).toEqual([[APP]]);
    expect(report.images[0]).toMatchObject({ fixedBy: 'application', packages: [{ name: 'lodash' }] });
    expect(report.containers).toEqual([
      expect.objectContaining({ name: `${PREFIX}stopped`, state: 'created' }),
    ]);

    const zlib = await runCli(['affected', 'DEBIAN-CVE-2023-45853', '--format', 'json'], {
      ...env,
      COASTGUARD_HOME: home,
    });
    const both = JSON.parse(zlib.stdout) as { images: { refs: string[]; fixedBy: string }[] };
    expect(
      both.images
        .filter((i) => i.refs.some((r) => r.startsWith(PREFIX)))
        .map((i) => [i.refs, i.fixedBy])
        .sort(),
    ).toEqual([
      [[APP], 'none'],
      [[BASE], 'none'],
    ]);

    const unknown = await runCli(['affected', 'CVE-1999-0000'], { ...env, COASTGUARD_HOME: home });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('No advisory CVE-1999-0000');

    // A CVE two records name (DEBIAN-CVE-… and the DLA): each vulnerable package of an image is listed once.
    const openssl = await runCli(['affected', 'CVE-2026-42767', '--format', 'json'], {
      ...env,
      COASTGUARD_HOME: home,
    });
    const ssl = JSON.parse(openssl.stdout) as {
      advisory: { ids: string[] };
      images: { refs: string[]; packages: { name: string }[] }[];
    };
    expect(ssl.advisory.ids).toEqual(['DEBIAN-CVE-2026-42767', 'DLA-4795-1']);
    expect(
      ssl.images
        .find((i) => i.refs.includes(BASE))
        ?.packages.map((p) => p.name)
        .sort(),
    ).toEqual(['libssl3', 'openssl']);

    // Images are scanned once per database and kept: the next `affected` reads the kept scan (edited here to prove
    // it is read, not redone).
    const db = new BetterSqlite3(join(home, DATABASE_FILE));
    const appId = (JSON.parse(npm.stdout) as { images: { digest: string }[] }).images[0]?.digest;
    const edit = db.prepare(
      "update image_scans set result = json_set(result, '$.vulnerabilities', json('[]')) where image_id = ?",
    );
    expect(edit.run(appId).changes).toBe(1);
    // …and the kept scan of an image the engine no longer has is forgotten.
    db.prepare(
      "insert into image_scans (image_id, database_fingerprint, scanned_at, result) values ('sha256:gone', 'x', '2026-01-01T00:00:00.000Z', '{}')",
    ).run();
    const reused = await runCli(['affected', 'GHSA-jf85-cpcp-j695', '--format', 'json'], {
      ...env,
      COASTGUARD_HOME: home,
    });
    expect((JSON.parse(reused.stdout) as { images: unknown[] }).images).toEqual([]);
    expect(db.prepare("select count(*) as n from image_scans where image_id = 'sha256:gone'").get()).toEqual({
      n: 0,
    });
    db.prepare('delete from image_scans where image_id = ?').run(appId);
    db.close();
  });

  it('coastguard scan judges the images of running containers: fixable vulnerabilities per container, secrets per image', async () => {
    // A runnable image on top of the application image: the Debian extract has no programs of its own.
    const context = join(work, 'runnable');
    await mkdir(context);
    await copyFile('/bin/busybox', join(context, 'busybox'));
    await writeFile(join(context, 'Dockerfile'), `FROM ${APP}\nCOPY busybox /busybox\n`);
    const runnable = `${PREFIX}runnable:1`;
    await run('docker', ['build', '-q', '-t', runnable, context], {
      env: { ...process.env, ...env, DOCKER_BUILDKIT: '0' },
    });
    await run('docker', ['run', '-d', '--name', `${PREFIX}running`, runnable, '/busybox', 'sleep', '600'], {
      env: { ...process.env, ...env },
    });
    const image = await scan(runnable);
    const fixable = image.vulnerabilities.filter(
      (v) => v.fixedVersion !== undefined && (v.severity === 'critical' || v.severity === 'high'),
    );

    const host = await runCli(['scan', '--format', 'json'], { ...env, COASTGUARD_HOME: home });
    expect(host.code, host.stderr).toBe(0);
    const byCheck = Object.fromEntries(
      [...imageStepResults(host.stdout, `${PREFIX}running`), ...imageStepResults(host.stdout, runnable)].map(
        (r) => [r.checkId, r],
      ),
    );
    expect(byCheck['image-vuln-critical-unpatched']).toMatchObject({
      status: fixable.length > 0 ? 'fail' : 'pass',
      subject: { kind: 'container' },
    });
    for (const v of fixable.slice(0, 5))
      expect(byCheck['image-vuln-critical-unpatched']?.evidence).toContain(v.id);
    expect(byCheck['image-secrets-embedded']).toMatchObject({ status: 'fail', subject: { kind: 'image' } });
    expect(byCheck['image-secrets-embedded']?.evidence).toContain('API_TOKEN');
    expect(host.stdout).not.toContain('ghp_abcdefghijklmnopqrstuvwxyz0123456789');
    expect(byCheck['image-vuln-scan-coverage']).toMatchObject({ status: 'pass' });

    // The host scan applies imagePolicy (from the home's coastguard.yaml here) to each running image.
    await writeFile(
      join(home, 'coastguard.yaml'),
      'imagePolicy:\n  allowedRegistries: ["registry.example.com/*"]\n',
    );
    const judged = await runCli(['scan', '--no-store', '--format', 'json'], {
      ...env,
      COASTGUARD_HOME: home,
    });
    const registry = imageStepResults(judged.stdout, runnable).find(
      (r) => r.checkId === 'image-untrusted-registry',
    );
    expect(registry?.status).toBe('fail');
    await rm(join(home, 'coastguard.yaml'));

    // The next scan reuses the kept image scan (edited here to prove it is read, not redone); --no-images skips it.
    const db = new BetterSqlite3(join(home, DATABASE_FILE));
    db.prepare("update image_scans set result = json_set(result, '$.secrets', json('[]'))").run();
    db.close();
    const again = await runCli(['scan', '--format', 'json'], { ...env, COASTGUARD_HOME: home });
    const secrets = imageStepResults(again.stdout, runnable).find(
      (r) => r.checkId === 'image-secrets-embedded',
    );
    expect(secrets?.status).toBe('pass');
    const skipped = await runCli(['scan', '--no-store', '--no-images', '--format', 'json'], {
      ...env,
      COASTGUARD_HOME: home,
    });
    expect(skipped.code).toBe(0);
    expect(skipped.stdout).not.toContain('image-vuln-critical-unpatched');
  }, 120_000);

  it('imagePolicy in coastguard.yaml: each rule judged on the image, exit 1 when one fails; a bad policy is exit 2', async () => {
    const config = join(work, 'policy.yaml');
    await writeFile(
      config,
      [
        'imagePolicy:',
        '  allowedRegistries: ["registry.example.com/*"]',
        `  approvedBaseImages: ["docker.io/library/${PREFIX}bookworm:*"]`,
        '  packages:',
        '    deny: ["pkg:npm/lodash@4.17.11"]',
        '  failOn: critical',
        '',
      ].join('\n'),
    );
    const outcome = await runCli(['image', 'scan', APP, '--format', 'json', '--config', config], {
      ...env,
      COASTGUARD_HOME: home,
    });
    expect(outcome.code).toBe(1);
    const result = JSON.parse(outcome.stdout) as ImageScanResult;
    const verdicts = (result.policy ?? []).map((r) => [r.checkId, r.status]);
    expect(verdicts.slice(0, 3)).toEqual([
      ['image-untrusted-registry', 'fail'],
      ['image-untrusted-registry', 'pass'],
      ['image-build-hygiene', 'fail'],
    ]);
    expect(result.policy?.[0]?.evidence).toContain(
      `docker.io/library/${PREFIX}app not in an allowed registry`,
    );
    expect(result.policy?.[2]?.evidence).toBe('denied: pkg:npm/lodash@4.17.11');
    const table = await runCli(['image', 'scan', APP, '--config', config], { ...env, COASTGUARD_HOME: home });
    expect(table.stdout).toMatch(/Policy: \d of 4 rules failed/);

    await writeFile(config, 'imagePolicy:\n  failOn: severe\n');
    const bad = await runCli(['image', 'scan', APP, '--config', config], { ...env, COASTGUARD_HOME: home });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`${config}:2:11: imagePolicy.failOn`);
  });

  it('warns of an empty database on stderr beside a JSON report, and in the report', async () => {
    const empty = await makeHome();
    try {
      const outcome = await runCli(['image', 'scan', BASE, '--format', 'json'], {
        ...env,
        COASTGUARD_HOME: empty,
      });
      expect(outcome.code, outcome.stderr).toBe(0);
      expect(outcome.stderr).toContain(
        'coastguard: warning: The vulnerability database is empty: no vulnerabilities can be reported.',
      );
      const result = JSON.parse(outcome.stdout) as ImageScanResult;
      expect(result.vulnerabilities).toEqual([]);
      expect(result.warnings[0]).toMatch(/^The vulnerability database is empty/);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });

  it('names the input when the image or archive is missing or not an image', async () => {
    const missing = await runCli(['image', 'scan', `${PREFIX}nope:1`], { ...env, COASTGUARD_HOME: home });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`No image ${PREFIX}nope:1 in the Docker engine`);
    const notTar = join(work, 'not-a.tar');
    await writeFile(notTar, 'hello, not a tar archive at all'.repeat(40));
    const bad = await runCli(['image', 'scan', `docker-archive:${notTar}`], {
      ...env,
      COASTGUARD_HOME: home,
    });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(notTar);
  });
});

interface HostResult {
  checkId: string;
  cisId?: string;
  status: string;
  subject: { kind: string; name: string };
  evidence: string;
}

/** The results of a host scan's image step (not the CIS checks) about one subject, from its JSON report. */
function imageStepResults(report: string, subjectName: string): HostResult[] {
  return (JSON.parse(report) as { results: HostResult[] }).results.filter(
    (r) => r.cisId === undefined && r.subject.name === subjectName,
  );
}

/** Writes an OCI image layout from a docker save archive's legacy layout (manifest.json, <id>/layer.tar). */
async function ociLayoutFrom(archive: string, dir: string): Promise<string> {
  const unpacked = join(dir, '..', 'unpacked');
  await mkdir(unpacked, { recursive: true });
  await run('tar', ['-C', unpacked, '-xf', archive]);
  const [entry] = JSON.parse(await readFile(join(unpacked, 'manifest.json'), 'utf8')) as {
    Config: string;
    Layers: string[];
  }[];
  if (entry === undefined) throw new Error('docker save wrote no manifest entry');
  await mkdir(join(dir, 'blobs', 'sha256'), { recursive: true });
  const blob = async (bytes: Buffer) => {
    const hex = createHash('sha256').update(bytes).digest('hex');
    await writeFile(join(dir, 'blobs', 'sha256', hex), bytes);
    return { digest: `sha256:${hex}`, size: bytes.length };
  };
  const config = await blob(await readFile(join(unpacked, entry.Config)));
  const layers = [];
  for (const layer of entry.Layers) layers.push(await blob(await readFile(join(unpacked, layer))));
  const manifest = await blob(
    Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config },
        layers: layers.map((l) => ({ mediaType: 'application/vnd.oci.image.layer.v1.tar', ...l })),
      }),
    ),
  );
  await writeFile(join(dir, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  await writeFile(
    join(dir, 'index.json'),
    JSON.stringify({
      schemaVersion: 2,
      manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', ...manifest }],
    }),
  );
  return dir;
}
