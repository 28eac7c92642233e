import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diagnosticCodesOf, offer, packagesOf } from '../../../../test/support/layer-file.js';
import { npm } from './index.js';

const LOCKFILE = readFileSync('/work/shared/fixtures/lockfiles/npm-vulnerable/package-lock.json');
const want = (path: string) => npm.wants({ path, size: 100, mode: 0o644 });

describe('npm analyzer', () => {
  it('reads the real lockfile, each package placed under the lockfile directory', async () => {
    const packages = packagesOf(await offer(npm, 'srv/app/package-lock.json', LOCKFILE));
    const lock = JSON.parse(LOCKFILE.toString()) as { packages: Record<string, { version?: string }> };
    const expected = Object.keys(lock.packages).filter((path) => path !== '');
    expect(packages.map((p) => p.location)).toEqual(expected.map((path) => `srv/app/${path}`));
    expect(packages).toContainEqual(
      expect.objectContaining({
        name: 'lodash',
        version: '4.17.11',
        purl: 'pkg:npm/lodash@4.17.11',
        location: 'srv/app/node_modules/lodash',
      }),
    );
  });

  it('reads real installed manifests, scoped and not, from this repository node_modules', async () => {
    for (const [dir, name] of [
      ['node_modules/yauzl', 'yauzl'],
      ['node_modules/@types/node', '@types/node'],
    ] as const) {
      const manifest = readFileSync(`${dir}/package.json`);
      const version = (JSON.parse(manifest.toString()) as { version: string }).version;
      const packages = packagesOf(await offer(npm, `usr/lib/app/${dir}/package.json`, manifest));
      const purl = name.startsWith('@') ? `pkg:npm/%40types/node@${version}` : `pkg:npm/yauzl@${version}`;
      expect(packages).toEqual([{ ecosystem: 'npm', name, version, purl, location: `usr/lib/app/${dir}` }]);
    }
  });

  it.each`
    path                                                | wanted
    ${'app/node_modules/a/package.json'}                | ${true}
    ${'node_modules/@s/a/package.json'}                 | ${true}
    ${'app/node_modules/a/node_modules/b/package.json'} | ${true}
    ${'app/package.json'}                               | ${false}
    ${'app/node_modules/a/lib/package.json'}            | ${false}
    ${'app/package-lock.json'}                          | ${true}
    ${'package-lock.json'}                              | ${true}
    ${'app/node_modules/.package-lock.json'}            | ${false}
    ${'app/node_modules/a/package-lock.json'}           | ${false}
  `('wants $path: $wanted', ({ path, wanted }) => {
    expect(want(path)).toBe(wanted);
  });

  it.each`
    what                   | content                          | code
    ${'malformed JSON'}    | ${'{"name": "a", "version": '}   | ${'npm-manifest-unreadable'}
    ${'an array'}          | ${'[1]'}                         | ${'npm-manifest-unreadable'}
    ${'no version'}        | ${'{"name": "a"}'}               | ${'npm-manifest-without-version'}
    ${'a numeric version'} | ${'{"name": "a", "version": 1}'} | ${'npm-manifest-without-version'}
    ${'binary'}            | ${Buffer.from([0, 255, 1, 2])}   | ${'npm-manifest-unreadable'}
  `('gives a diagnostic for a manifest with $what', async ({ content, code }) => {
    const found = await offer(npm, 'node_modules/a/package.json', content);
    expect(packagesOf(found)).toEqual([]);
    expect(diagnosticCodesOf(found)).toEqual([code]);
  });

  it('does not parse a lockfile cut at its bound', async () => {
    const found = await offer(npm, 'app/package-lock.json', LOCKFILE, {
      maxBytes: 100,
      size: LOCKFILE.length,
    });
    expect(diagnosticCodesOf(found)).toEqual(['npm-file-truncated']);
  });
});
