import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diagnosticCodesOf, offer, packagesOf } from '../../../../test/support/layer-file.js';
import { dpkg } from './index.js';

const STATUS = readFileSync('/work/shared/fixtures/images/bookworm-main/var/lib/dpkg/status');

describe('dpkg analyzer', () => {
  it('reads every installed package of the real Debian 12 status file, with its source package', async () => {
    const packages = packagesOf(await offer(dpkg, 'var/lib/dpkg/status', STATUS));
    const paragraphs = STATUS.toString().match(/^Package: /gm)?.length;
    expect(packages.length).toBe(paragraphs);
    expect(packages).toContainEqual(
      expect.objectContaining({
        ecosystem: 'deb',
        name: 'libssl3',
        version: '3.0.20-1~deb12u2',
        sourceName: 'openssl',
        purl: 'pkg:deb/debian/libssl3@3.0.20-1~deb12u2?arch=amd64&upstream=openssl%403.0.20-1~deb12u2',
      }),
    );
  });

  it('wants status and status.d entries, not their md5sums', () => {
    const want = (path: string) => dpkg.wants({ path, size: 10, mode: 0o644 });
    expect(want('var/lib/dpkg/status')).toBe(true);
    expect(want('var/lib/dpkg/status.d/base')).toBe(true);
    expect(want('var/lib/dpkg/status.d/base.md5sums')).toBe(false);
    expect(want('var/lib/dpkg/status-old')).toBe(false);
    expect(want('var/lib/dpkg/status.d/x/y')).toBe(false);
  });

  it('reads a distroless status.d file', async () => {
    const text = 'Package: tzdata\nVersion: 2024a-0+deb12u1\nArchitecture: all\n';
    const packages = packagesOf(await offer(dpkg, 'var/lib/dpkg/status.d/tzdata', text));
    expect(packages.map((p) => `${p.name}@${p.version}`)).toEqual(['tzdata@2024a-0+deb12u1']);
  });

  it('keeps only whole paragraphs of a file cut at the bound, and says it was cut', async () => {
    const cutInside =
      STATUS.indexOf('Package: libssl3') + 'Package: libssl3\nStatus: install ok installed\n'.length;
    const found = await offer(dpkg, 'var/lib/dpkg/status', STATUS, {
      maxBytes: cutInside,
      size: STATUS.length,
    });
    const names = packagesOf(found).map((p) => p.name);
    expect(names).not.toContain('libssl3');
    expect(names.length).toBeGreaterThan(0);
    expect(diagnosticCodesOf(found)).toEqual(['dpkg-file-truncated']);
  });
});
