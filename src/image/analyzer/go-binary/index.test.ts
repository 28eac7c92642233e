import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diagnosticCodesOf, offer, packagesOf } from '../../../../test/support/layer-file.js';
import { goBinary } from './index.js';
import { goToolchainVersion } from './parse.js';

const DOCKERD = '/usr/sbin/dockerd';
/** A Go binary with module dependencies, where the Google Cloud SDK is installed. */
const KUBECTL = '/usr/lib/google-cloud-sdk/bin/kubectl';

function uvarint(n: number): Buffer {
  const bytes: number[] = [];
  let rest = n;
  while (rest >= 0x80) {
    bytes.push((rest & 0x7f) | 0x80);
    rest = Math.floor(rest / 128);
  }
  bytes.push(rest);
  return Buffer.from(bytes);
}

/** A file laid out as the Go ≥ 1.18 linker lays out build information: ELF magic, padding, aligned header. */
function goFile(
  goVersion: string,
  modules: string,
  options: { flags?: number; ptrSize?: number } = {},
): Buffer {
  const header = Buffer.alloc(32);
  header.write('\xff Go buildinf:', 'latin1');
  header[14] = options.ptrSize ?? 8;
  header[15] = options.flags ?? 2;
  const sentinel = Buffer.alloc(16, 0x30);
  const framed = Buffer.concat([sentinel, Buffer.from(modules), Buffer.from('\n'), sentinel]);
  const prefix = Buffer.alloc(4096);
  prefix.write('\x7fELF', 'latin1');
  return Buffer.concat([
    prefix,
    header,
    uvarint(goVersion.length),
    Buffer.from(goVersion),
    uvarint(framed.length),
    framed,
    Buffer.alloc(1024),
  ]);
}

/**
 * A 64-bit little-endian ELF file as Go < 1.18 lays out build information: one PT_LOAD segment mapping the file
 * at 0x400000, the header's two pointers leading to Go string headers {data, length}.
 */
function oldGoFile(goVersion: string, modules: string, options: { pointerDelta?: number } = {}): Buffer {
  const base = 0x400000;
  const file = Buffer.alloc(8192);
  file.write('\x7fELF', 'latin1');
  file[4] = 2;
  file[5] = 1;
  file.writeBigUInt64LE(64n, 0x20);
  file.writeUInt16LE(56, 0x36);
  file.writeUInt16LE(1, 0x38);
  file.writeUInt32LE(1, 64);
  file.writeBigUInt64LE(0n, 64 + 8);
  file.writeBigUInt64LE(BigInt(base), 64 + 16);
  file.writeBigUInt64LE(BigInt(file.length), 64 + 32);
  const header = 4096;
  file.write('\xff Go buildinf:', header, 'latin1');
  file[header + 14] = 8;
  file[header + 15] = 0;
  const sentinel = '0'.repeat(16);
  const strings = [goVersion, `${sentinel}${modules}\n${sentinel}`];
  let data = 5000;
  strings.forEach((text, i) => {
    const stringHeader = 4200 + i * 16;
    file.writeBigUInt64LE(BigInt(base + stringHeader + (options.pointerDelta ?? 0)), header + 16 + i * 8);
    file.writeBigUInt64LE(BigInt(base + data), stringHeader);
    file.writeBigUInt64LE(BigInt(Buffer.byteLength(text)), stringHeader + 8);
    data += file.write(text, data);
  });
  return file;
}

const MODULES = [
  'path\texample.com/app/cmd/server',
  'mod\texample.com/app\tv1.4.0\th1:abc=',
  'dep\tgolang.org/x/net\tv0.17.0\th1:net=',
  'dep\tgithub.com/old/lib\tv1.0.0\th1:old=',
  '=>\tgithub.com/fork/lib\tv1.0.1-fix\th1:fork=',
  'dep\texample.com/local\tv0.0.0',
  '=>\t../local\t',
  'build\t-compiler=gc',
].join('\n');

describe('go-binary analyzer', () => {
  it.skipIf(!existsSync(DOCKERD))('reads the Go version of the real dockerd binary', async () => {
    const content = readFileSync(DOCKERD);
    const packages = packagesOf(await offer(goBinary, 'usr/bin/dockerd', content, { mode: 0o755 }));
    const version = /go1\.\d+(?:\.\d+)?/.exec(content.toString('latin1'))?.[0];
    expect(packages).toContainEqual(
      expect.objectContaining({ ecosystem: 'go', name: 'stdlib', location: 'usr/bin/dockerd' }),
    );
    expect(packages.find((p) => p.name === 'stdlib')?.version).toBe(goToolchainVersion(version ?? ''));
  });

  it.skipIf(!existsSync(KUBECTL))('reads the module dependencies of a real Go binary', async () => {
    const packages = packagesOf(await offer(goBinary, 'bin/kubectl', readFileSync(KUBECTL), { mode: 0o755 }));
    expect(packages.length).toBeGreaterThan(20);
    for (const pkg of packages) {
      expect(pkg.version).toMatch(/^v\d+\.\d+\.\d+/);
      expect(pkg.purl).toBe(`pkg:golang/${pkg.name}@${encodeURIComponent(pkg.version)}`);
    }
  });

  it('reads inline build information: main module, dependencies as replaced, and the standard library', async () => {
    const packages = packagesOf(
      await offer(goBinary, 'app/server', goFile('go1.21.3 X:boringcrypto', MODULES), {
        mode: 0o755,
        size: 600_000,
      }),
    );
    expect(packages.map((p) => [p.name, p.version, p.purl])).toEqual([
      ['example.com/app', 'v1.4.0', 'pkg:golang/example.com/app@v1.4.0'],
      ['golang.org/x/net', 'v0.17.0', 'pkg:golang/golang.org/x/net@v0.17.0'],
      ['github.com/fork/lib', 'v1.0.1-fix', 'pkg:golang/github.com/fork/lib@v1.0.1-fix'],
      ['stdlib', 'v1.21.3', 'pkg:golang/stdlib@v1.21.3'],
    ]);
  });

  it('reads the pointer format of Go before 1.18 through the ELF program headers', async () => {
    const content = oldGoFile('go1.16.15', MODULES);
    const packages = packagesOf(await offer(goBinary, 'app/old', content, { mode: 0o755, size: 600_000 }));
    expect(packages.map((p) => `${p.name}@${p.version}`)).toEqual([
      'example.com/app@v1.4.0',
      'golang.org/x/net@v0.17.0',
      'github.com/fork/lib@v1.0.1-fix',
      'stdlib@v1.16.15',
    ]);
  });

  it.each`
    raw                        | version
    ${'go1.20'}                | ${'v1.20.0'}
    ${'go1.22rc2'}             | ${'v1.22.0-rc.2'}
    ${'go1.21.3 X:nocoverage'} | ${'v1.21.3'}
    ${'devel go1.23-abc'}      | ${undefined}
  `('reads toolchain $raw as $version', ({ raw, version }) => {
    expect(goToolchainVersion(raw)).toBe(version);
  });

  it('wants executables big enough to be Go programs', () => {
    expect(goBinary.wants({ path: 'usr/bin/x', size: 2_000_000, mode: 0o755 })).toBe(true);
    expect(goBinary.wants({ path: 'usr/bin/x', size: 2_000_000, mode: 0o644 })).toBe(false);
    expect(goBinary.wants({ path: 'usr/bin/script', size: 300, mode: 0o755 })).toBe(false);
  });

  it('finds nothing in a binary that is not Go', async () => {
    const notGo = Buffer.alloc(600_000);
    notGo.write('\x7fELF', 'latin1');
    expect(await offer(goBinary, 'usr/bin/c-tool', notGo, { mode: 0o755 })).toEqual([]);
  });

  it.each`
    what                              | content                                                                                | code
    ${'pre-1.18, no program headers'} | ${goFile('go1.16', MODULES, { flags: 0 })}                                             | ${'go-binary-old-build-info'}
    ${'pre-1.18, not ELF'}            | ${goFile('go1.16', MODULES, { flags: 0 }).subarray(16)}                                | ${'go-binary-old-build-info'}
    ${'pre-1.18, pointers outside'}   | ${oldGoFile('go1.16', MODULES, { pointerDelta: 1 << 20 })}                             | ${'go-binary-bad-build-info'}
    ${'a misaligned header'}          | ${goFile('go1.21', MODULES).subarray(4)}                                               | ${'go-binary-bad-build-info'}
    ${'a bad pointer size'}           | ${goFile('go1.21', MODULES, { ptrSize: 3 })}                                           | ${'go-binary-bad-build-info'}
    ${'a length past the end'}        | ${goFile('go1.21', MODULES).subarray(0, 4096 + 32 + 8)}                                | ${'go-binary-bad-build-info'}
    ${'a runaway varint'}             | ${Buffer.concat([goFile('go1.21', '').subarray(0, 4096 + 32), Buffer.alloc(8, 0xff)])} | ${'go-binary-bad-build-info'}
  `('gives a diagnostic for $what, never a throw', async ({ content, code }) => {
    const found = await offer(goBinary, 'app/server', content, { mode: 0o755, size: 600_000 });
    expect(packagesOf(found)).toEqual([]);
    expect(diagnosticCodesOf(found)).toEqual([code]);
  });

  it('says so when a large ELF file is cut before any build information', async () => {
    const big = Buffer.alloc(1024);
    big.write('\x7fELF', 'latin1');
    const found = await offer(goBinary, 'usr/bin/huge', big, { mode: 0o755, size: 300 * 1024 * 1024 });
    expect(diagnosticCodesOf(found)).toEqual(['go-binary-not-searched']);
  });
});
