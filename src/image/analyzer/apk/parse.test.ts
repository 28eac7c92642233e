import { describe, expect, it } from 'vitest';
import { parseApkInstalled } from './parse.js';

const INSTALLED = `C:Q1abc=
P:libcrypto3
V:3.1.4-r0
A:x86_64
o:openssl
F:lib
R:libcrypto.so.3

P:musl
V:1.2.4-r2
A:x86_64
o:musl

P:incomplete
`;

describe('apk installed database', () => {
  it('reads name, version, arch and origin of each block', () => {
    const { value, diagnostics } = parseApkInstalled(INSTALLED, { file: 'installed', distro: '3.18.4' });
    expect(value.map((p) => [p.name, p.version, p.arch, p.sourceName, p.sourceVersion])).toEqual([
      ['libcrypto3', '3.1.4-r0', 'x86_64', 'openssl', '3.1.4-r0'],
      ['musl', '1.2.4-r2', 'x86_64', 'musl', '1.2.4-r2'],
    ]);
    expect(value[0]?.purl).toBe(
      'pkg:apk/alpine/libcrypto3@3.1.4-r0?arch=x86_64&distro=3.18.4&upstream=openssl',
    );
    expect(diagnostics).toEqual([
      expect.objectContaining({
        code: 'apk-incomplete-block',
        source: { file: 'installed', line: 14, column: 1 },
      }),
    ]);
  });
});
