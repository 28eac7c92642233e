import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagnosticCodesOf, offer, packagesOf } from '../../../../test/support/layer-file.js';
import { python } from './index.js';
import { normalizePythonName } from './parse.js';

const SITE = '/usr/lib/python3/dist-packages';
const installed = (() => {
  try {
    return readdirSync(SITE);
  } catch {
    return [];
  }
})();
const distInfo = installed.filter((name) => name.endsWith('.dist-info'));
const eggInfoFiles = installed.filter(
  (name) => name.endsWith('.egg-info') && statSync(join(SITE, name)).isFile(),
);

describe('python analyzer', () => {
  it.skipIf(distInfo.length === 0)('reads every real dist-info METADATA on this machine', async () => {
    for (const dir of distInfo) {
      const metadata = readFileSync(join(SITE, dir, 'METADATA'));
      const packages = packagesOf(
        await offer(python, `usr/lib/python3/dist-packages/${dir}/METADATA`, metadata),
      );
      expect(packages).toHaveLength(1);
      const [pkg] = packages;
      // The directory is named <normalized name>-<version>.dist-info (PEP 427/PEP 491 escaping).
      expect(dir.toLowerCase()).toBe(
        `${pkg?.name.replace(/[-.]+/g, '_').toLowerCase()}-${pkg?.version}.dist-info`,
      );
      expect(pkg?.purl).toBe(`pkg:pypi/${normalizePythonName(pkg?.name ?? '')}@${pkg?.version}`);
      expect(pkg?.location).toBe(`usr/lib/python3/dist-packages/${dir}`);
    }
  });

  it.skipIf(eggInfoFiles.length === 0)('reads real egg-info files', async () => {
    for (const file of eggInfoFiles) {
      const found = await offer(
        python,
        `usr/lib/python3/dist-packages/${file}`,
        readFileSync(join(SITE, file)),
      );
      const [pkg] = packagesOf(found);
      expect(file.startsWith(`${pkg?.name.replace(/-/g, '_')}-${pkg?.version}`)).toBe(true);
    }
  });

  it('reads PKG-INFO in an egg-info directory and normalizes the purl name per PEP 503', async () => {
    const text = 'Metadata-Version: 1.1\nName: Zope.Interface__Extra\nVersion: 5.4.0\n\nName: Not-This\n';
    const packages = packagesOf(await offer(python, 'opt/venv/lib/zope.egg-info/PKG-INFO', text));
    expect(packages).toEqual([
      {
        ecosystem: 'pypi',
        name: 'Zope.Interface__Extra',
        version: '5.4.0',
        location: 'opt/venv/lib/zope.egg-info',
        purl: 'pkg:pypi/zope-interface-extra@5.4.0',
      },
    ]);
  });

  it.each`
    what              | text
    ${'no Version'}   | ${'Metadata-Version: 2.1\nName: a\n'}
    ${'no Name'}      | ${'Version: 1.0\n'}
    ${'Name in body'} | ${'Metadata-Version: 2.1\n\nName: a\nVersion: 1\n'}
    ${'binary'}       | ${'\u0000\u00ff\u0001'}
  `('gives a diagnostic for METADATA with $what', async ({ text }) => {
    const found = await offer(python, 'x/a-1.dist-info/METADATA', text);
    expect(packagesOf(found)).toEqual([]);
    expect(diagnosticCodesOf(found)).toEqual(['python-metadata-incomplete']);
  });

  it('wants metadata files only', () => {
    const want = (path: string) => python.wants({ path, size: 1, mode: 0o644 });
    expect(want('a/b-1.dist-info/METADATA')).toBe(true);
    expect(want('a/b-1.dist-info/RECORD')).toBe(false);
    expect(want('a/b.egg-info/PKG-INFO')).toBe(true);
    expect(want('a/b.egg-info')).toBe(true);
    expect(want('a/METADATA')).toBe(false);
  });
});
