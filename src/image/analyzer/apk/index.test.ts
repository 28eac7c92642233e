import { describe, expect, it } from 'vitest';
import { offer, packagesOf } from '../../../../test/support/layer-file.js';
import { apk } from './index.js';

const INSTALLED = [
  'C:Q1abc=\nP:musl\nV:1.2.4_git20230717-r4\nA:x86_64\no:musl\nF:lib\nR:libc.musl-x86_64.so.1\n',
  'C:Q1def=\nP:libcrypto3\nV:3.1.4-r5\nA:x86_64\no:openssl\n',
  '',
].join('\n');

describe('apk analyzer', () => {
  it('reads lib/apk/db/installed with origins', async () => {
    const packages = packagesOf(await offer(apk, 'lib/apk/db/installed', INSTALLED));
    expect(packages.map((p) => [p.name, p.version, p.sourceName])).toEqual([
      ['musl', '1.2.4_git20230717-r4', 'musl'],
      ['libcrypto3', '3.1.4-r5', 'openssl'],
    ]);
  });

  it('wants only the installed database', () => {
    expect(apk.wants({ path: 'lib/apk/db/installed', size: 1, mode: 0o644 })).toBe(true);
    expect(apk.wants({ path: 'lib/apk/db/triggers', size: 1, mode: 0o644 })).toBe(false);
  });

  it('drops the block a cut left half-written', async () => {
    const found = await offer(apk, 'lib/apk/db/installed', INSTALLED, {
      maxBytes: INSTALLED.indexOf('V:3.1.4'),
      size: INSTALLED.length,
    });
    expect(packagesOf(found).map((p) => p.name)).toEqual(['musl']);
  });
});
