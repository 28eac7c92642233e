import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { layerFile, layerRef, removal } from '../../test/support/layer-file.js';
import type { LayerFileEvent } from '../core/image/layer-file.js';
import { type AnalyzedFile, aggregateFindings, withDistro } from './analyze-image.js';
import { analyzers } from './analyzer/index.js';

const STATUS = 'var/lib/dpkg/status';
const paragraph = (name: string, version: string) =>
  `Package: ${name}\nStatus: install ok installed\nArchitecture: amd64\nVersion: ${version}\n\n`;

/** Runs every analyzer that wants each event's file, as the image scan will. */
async function analyze(events: LayerFileEvent[]): Promise<AnalyzedFile[]> {
  const out: AnalyzedFile[] = [];
  for (const event of events) {
    if (event.kind === 'removed') {
      out.push({ event, found: [] });
      continue;
    }
    const wanting = Object.values(analyzers).filter((a) => a.wants(event));
    const found = (await Promise.all(wanting.map((a) => a.analyze(event)))).flat();
    out.push({ event, found });
  }
  return out;
}

describe('aggregateFindings', () => {
  it('gives each package the layer from which it stayed unchanged: added, upgraded, removed', async () => {
    const events = [
      layerFile('etc/os-release', 'ID=debian\nVERSION_ID="12"\n', { layer: 0 }),
      layerFile(STATUS, paragraph('base-files', '12.4') + paragraph('libssl3', '3.0.11-1'), { layer: 0 }),
      layerFile(
        STATUS,
        paragraph('base-files', '12.4') + paragraph('libssl3', '3.0.11-1') + paragraph('curl', '7.88.1-10'),
        {
          layer: 1,
        },
      ),
      layerFile(
        STATUS,
        paragraph('base-files', '12.4') + paragraph('libssl3', '3.0.13-1') + paragraph('curl', '7.88.1-10'),
        {
          layer: 3,
        },
      ),
      layerFile(STATUS, paragraph('base-files', '12.4') + paragraph('libssl3', '3.0.13-1'), { layer: 4 }),
    ];
    const result = aggregateFindings(await analyze(events));
    expect(result.os).toEqual({ id: 'debian', versionId: '12' });
    expect(result.packages.map((p) => [p.name, p.version, p.layer])).toEqual([
      ['base-files', '12.4', layerRef(0).diffId],
      ['libssl3', '3.0.13-1', layerRef(3).diffId],
    ]);
    expect(result.packages[1]?.purl).toBe('pkg:deb/debian/libssl3@3.0.13-1?arch=amd64&distro=debian-12');
  });

  it('drops the packages of a file a whiteout removed, and starts afresh when it comes back', async () => {
    const lock = (version: string) =>
      JSON.stringify({ lockfileVersion: 3, packages: { '': {}, 'node_modules/lodash': { version } } });
    const events = [
      layerFile('app/package-lock.json', lock('4.17.11'), { layer: 0 }),
      layerFile('app/node_modules/lodash/package.json', '{"name":"lodash","version":"4.17.11"}', {
        layer: 0,
      }),
      layerFile('opt/tool/lib.dist-info/METADATA', 'Name: tool\nVersion: 1.0\n', { layer: 0 }),
      removal('opt/tool/lib.dist-info/METADATA', 1),
      removal('app/package-lock.json', 1),
      removal('app/node_modules/lodash/package.json', 1),
      layerFile('app/package-lock.json', lock('4.17.11'), { layer: 2 }),
    ];
    const result = aggregateFindings(await analyze(events));
    expect(result.packages.map((p) => [p.name, p.location, p.layer])).toEqual([
      ['lodash', 'app/node_modules/lodash', layerRef(2).diffId],
    ]);
  });

  it('lists once a package both a lockfile and node_modules report, with the earlier layer', async () => {
    const events = [
      layerFile('app/node_modules/minimist/package.json', '{"name":"minimist","version":"1.2.5"}', {
        layer: 1,
      }),
      layerFile(
        'app/package-lock.json',
        JSON.stringify({ lockfileVersion: 3, packages: { 'node_modules/minimist': { version: '1.2.5' } } }),
        { layer: 2 },
      ),
    ];
    const result = aggregateFindings(await analyze(events));
    expect(result.packages.map((p) => [p.name, p.layer])).toEqual([['minimist', layerRef(1).diffId]]);
  });

  it('reports secrets of every layer, including a file deleted later', async () => {
    const key = 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYzq8e1d5Ab2\n';
    const events = [
      layerFile('root/.aws/credentials', `[default]\n${key}`, { layer: 1 }),
      removal('root/.aws/credentials', 2),
    ];
    const result = aggregateFindings(await analyze(events));
    expect(result.secrets).toEqual([
      {
        type: 'aws-secret-access-key',
        path: 'root/.aws/credentials',
        line: 2,
        hash: expect.stringMatching(/^[0-9a-f]{12}$/),
        layer: layerRef(1).diffId,
      },
    ]);
  });

  it('prefers /etc/os-release, and keeps diagnostics', async () => {
    const events = [
      layerFile('usr/lib/os-release', 'ID=alpine\nVERSION_ID=3.19.1\n', { layer: 0 }),
      layerFile('etc/os-release', 'ID=wolfi\n', { layer: 1 }),
      layerFile('lib/apk/db/installed', 'P:busybox\nV:1.36.1-r15\nA:x86_64\n\nP:broken\n\n', { layer: 1 }),
    ];
    const result = aggregateFindings(await analyze(events));
    expect(result.os).toEqual({ id: 'wolfi' });
    expect(result.packages.map((p) => p.purl)).toEqual(['pkg:apk/wolfi/busybox@1.36.1-r15?arch=x86_64']);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['apk-incomplete-block']);
  });

  it('warns when OS packages come without an os-release', async () => {
    const result = aggregateFindings(await analyze([layerFile(STATUS, paragraph('a', '1'), { layer: 0 })]));
    expect(result.os).toBeUndefined();
    expect(result.packages[0]?.purl).toBe('pkg:deb/debian/a@1?arch=amd64');
    expect(result.diagnostics.map((d) => d.code)).toEqual(['image-os-unknown']);
  });

  it('reads the real Debian 12 extract as one layer', async () => {
    const root = '/work/shared/fixtures/images/bookworm-main';
    const events = [
      layerFile('etc/os-release', readFileSync(`${root}/etc/os-release`), { layer: 0 }),
      layerFile(STATUS, readFileSync(`${root}/${STATUS}`), { layer: 0 }),
    ];
    const result = aggregateFindings(await analyze(events));
    expect(result.packages.length).toBeGreaterThan(50);
    for (const pkg of result.packages) {
      expect(pkg.layer).toBe(layerRef(0).diffId);
      expect(pkg.purl).toMatch(/^pkg:deb\/debian\/[^?]+\?(?:.*&)?distro=debian-12(?:&|$)/);
    }
  });
});

describe('withDistro', () => {
  it.each`
    purl                                                         | ecosystem | os                                       | expected
    ${'pkg:rpm/openssl-libs@3.0.7-27.el9?arch=x86_64&epoch=1'}   | ${'rpm'}  | ${{ id: 'rhel', versionId: '9.3' }}      | ${'pkg:rpm/rhel/openssl-libs@3.0.7-27.el9?arch=x86_64&distro=rhel-9.3&epoch=1'}
    ${'pkg:deb/debian/libssl3@3.0.11?upstream=openssl%403.0.11'} | ${'deb'}  | ${{ id: 'ubuntu', versionId: '22.04' }}  | ${'pkg:deb/ubuntu/libssl3@3.0.11?distro=ubuntu-22.04&upstream=openssl%403.0.11'}
    ${'pkg:apk/alpine/musl@1.2.4-r2'}                            | ${'apk'}  | ${{ id: 'alpine', versionId: '3.19.1' }} | ${'pkg:apk/alpine/musl@1.2.4-r2?distro=3.19.1'}
  `('rewrites $purl', ({ purl, ecosystem, os, expected }) => {
    expect(withDistro(purl, ecosystem, os)).toBe(expected);
  });
});
