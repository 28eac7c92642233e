import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDpkgStatus } from './parse.js';

const BOOKWORM = resolve(import.meta.dirname, '../../../../../shared/fixtures/images');

describe('dpkg status', () => {
  it('reads every package of the real Debian 12 database as dpkg-query lists it', () => {
    const status = readFileSync(resolve(BOOKWORM, 'bookworm-main/var/lib/dpkg/status'), 'utf8');
    const listed = readFileSync(resolve(BOOKWORM, 'bookworm-main.installed.tsv'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => line.split('\t'));
    const { value, diagnostics } = parseDpkgStatus(status, { file: 'status', distro: 'debian-12' });
    expect(diagnostics).toEqual([]);
    // dpkg-query's ${Source} is the Source field as written ("bash (5.2.15-2)"), empty when there is none.
    expect(
      value.map((p) => [p.name, p.version, p.arch, p.sourceName === p.name ? '' : p.sourceName]),
    ).toEqual(
      listed.map(([name, version, arch, source = '']) => {
        const sourceName = source.replace(/ \(.*\)$/, '');
        return [name, version, arch, sourceName === name ? '' : sourceName];
      }),
    );
    const libssh = value.find((p) => p.name === 'libssh2-1');
    expect(libssh).toMatchObject({
      version: '1.10.0-3+b1',
      sourceName: 'libssh2',
      sourceVersion: '1.10.0-3',
    });
    expect(libssh?.purl).toBe(
      'pkg:deb/debian/libssh2-1@1.10.0-3%2Bb1?arch=amd64&distro=debian-12&upstream=libssh2%401.10.0-3',
    );
    expect(value.find((p) => p.name === 'zlib1g')?.purl).toMatch(/@1%3A1\.2\.13\.dfsg-1\?/);
  });

  it('skips packages whose files are gone, reads status.d paragraphs, reports incomplete ones', () => {
    const text = [
      'Package: removed\nStatus: deinstall ok config-files\nVersion: 1.0',
      'Package: kept\nStatus: install ok installed\nVersion: 2.0\nDescription: x\n more\n .\n',
      'Package: distroless\nVersion: 3.0\nSource: base (2.9)',
      'Package: broken\nStatus: install ok installed',
    ].join('\n\n');
    const { value, diagnostics } = parseDpkgStatus(text, { file: 'status' });
    expect(value.map((p) => [p.name, p.sourceName, p.sourceVersion])).toEqual([
      ['kept', 'kept', '2.0'],
      ['distroless', 'base', '2.9'],
    ]);
    expect(diagnostics).toEqual([
      expect.objectContaining({
        code: 'dpkg-incomplete-paragraph',
        source: { file: 'status', line: 17, column: 1 },
      }),
    ]);
  });

  it('reads nothing from empty or binary input, without throwing', () => {
    expect(parseDpkgStatus('', { file: 'status' }).value).toEqual([]);
    expect(parseDpkgStatus('\u0000\u0001garbage', { file: 'status' }).value).toEqual([]);
  });
});
