import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diagnosticCodesOf, offer } from '../../../../test/support/layer-file.js';
import { osRelease } from './index.js';

const BOOKWORM = '/work/shared/fixtures/images/bookworm-main/etc/os-release';

describe('os-release analyzer', () => {
  it('reads the real Debian 12 os-release', async () => {
    const found = await offer(osRelease, 'etc/os-release', readFileSync(BOOKWORM));
    expect(found).toEqual([
      { kind: 'os', os: { id: 'debian', versionId: '12', prettyName: 'Debian GNU/Linux 12 (bookworm)' } },
    ]);
  });

  it('wants both standard places and nothing else', () => {
    const want = (path: string) => osRelease.wants({ path, size: 100, mode: 0o644 });
    expect(want('etc/os-release')).toBe(true);
    expect(want('usr/lib/os-release')).toBe(true);
    expect(want('etc/lsb-release')).toBe(false);
    expect(want('app/etc/os-release')).toBe(false);
  });

  it.each`
    text                                                   | os
    ${'ID=alpine\nVERSION_ID=3.19.1\n'}                    | ${{ id: 'alpine', versionId: '3.19.1' }}
    ${'ID=\'rhel\'\nVERSION_ID="9.3"\n# comment\n'}        | ${{ id: 'rhel', versionId: '9.3' }}
    ${'ID=Ubuntu\r\nPRETTY_NAME="Ubuntu \\"Noble\\""\r\n'} | ${{ id: 'ubuntu', prettyName: 'Ubuntu "Noble"' }}
  `('parses $text', async ({ text, os }) => {
    expect(await offer(osRelease, 'usr/lib/os-release', text)).toEqual([{ kind: 'os', os }]);
  });

  it('gives diagnostics for a file without ID and for lines that are not assignments, never a guess', async () => {
    const found = await offer(osRelease, 'etc/os-release', 'NAME="x\nVERSION_ID=1\ngarbage line\n\0\xff');
    expect(found).not.toContainEqual(expect.objectContaining({ kind: 'os' }));
    expect(diagnosticCodesOf(found)).toEqual([
      'os-release-bad-line',
      'os-release-bad-line',
      'os-release-bad-line',
      'os-release-without-id',
    ]);
  });
});
