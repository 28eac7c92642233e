// Memory of a real process (a child we start) as an ELF core: the bytes it holds are in the file at the address
// the program headers give, bounds are honoured and listed, and a process that is gone is an error naming it.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostCoreMachine } from './elf-core.js';
import { parseMaps, writeProcessCore } from './proc-memory.js';

interface Segment {
  type: number;
  offset: number;
  vaddr: bigint;
  fileSize: number;
  memSize: bigint;
}

/** Reads the program headers back: the core must be self-describing without our own layout code. */
function readSegments(core: Buffer): Segment[] {
  expect(core.subarray(0, 4).toString('latin1')).toBe('\x7fELF');
  expect(core.readUInt16LE(16)).toBe(4);
  const phoff = Number(core.readBigUInt64LE(32));
  const count = core.readUInt16LE(56);
  return Array.from({ length: count }, (_, i) => {
    const at = phoff + i * 56;
    return {
      type: core.readUInt32LE(at),
      offset: Number(core.readBigUInt64LE(at + 8)),
      vaddr: core.readBigUInt64LE(at + 16),
      fileSize: Number(core.readBigUInt64LE(at + 32)),
      memSize: core.readBigUInt64LE(at + 40),
    };
  });
}

const machine = hostCoreMachine();

describe.runIf(machine !== undefined)('process cores', () => {
  let child: ChildProcess;
  let dir: string;
  const marker = `cg-h6a-${process.pid}-memory-marker`;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cgtest-h6a-core-'));
    // The marker is built at run time from two halves, so it lives in the child's heap and not in its argv.
    child = spawn(process.execPath, [
      '-e',
      `globalThis.kept = ['cg-h6a-', process.argv[1]].join(''); console.log('ready'); setInterval(() => {}, 1000)`,
      `${process.pid}-memory-marker`,
    ]);
    await new Promise((resolve) => child.stdout?.once('data', resolve));
  });

  afterAll(async () => {
    child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  });

  it('parses maps lines, skipping malformed ones', () => {
    expect(
      parseMaps(
        '00400000-00401000 r--p 00001000 00:3d 17 /bin/busybox\n7ffd0000-7ffd1000 rw-p 00000000 00:00 0    [stack]\nbad line\n00500000-00400000 r--p 0 0 0\n',
      ),
    ).toEqual([
      {
        start: 0x400000n,
        end: 0x401000n,
        perms: 'r--p',
        offset: 0x1000n,
        path: '/bin/busybox',
        isFile: true,
      },
      { start: 0x7ffd0000n, end: 0x7ffd1000n, perms: 'rw-p', offset: 0n, path: '[stack]', isFile: false },
    ]);
  });

  it('writes every readable region at the offset its program header names', async () => {
    const path = join(dir, 'full.core');
    const result = await writeProcessCore(child.pid ?? 0, path, machine ?? 'x64', {
      maxRegionBytes: 64 * 1024 * 1024,
      maxTotalBytes: 2 * 1024 * 1024 * 1024,
    });
    const core = await readFile(path);
    expect(core.includes(marker)).toBe(true);
    const segments = readSegments(core);
    expect(segments[0]?.type).toBe(4);
    const loads = segments.filter((s) => s.type === 1);
    expect(loads.length).toBe(result.regions);
    // The marker's file offset falls inside one LOAD segment's contents.
    const at = core.indexOf(marker);
    expect(loads.some((s) => s.fileSize > 0 && at >= s.offset && at < s.offset + s.fileSize)).toBe(true);
    const maps = parseMaps(await readFile(`/proc/${child.pid}/maps`, 'utf8'));
    // The first mapping (the executable) never moves; later ones may come and go as the child runs.
    expect(loads[0]?.vaddr).toBe(maps[0]?.start);
  });

  it('leaves regions over the limits without contents and lists them', async () => {
    const path = join(dir, 'bounded.core');
    const result = await writeProcessCore(child.pid ?? 0, path, machine ?? 'x64', {
      maxRegionBytes: 64 * 1024,
      maxTotalBytes: 512 * 1024,
    });
    expect(result.bytesRead).toBeLessThanOrEqual(512 * 1024);
    expect(result.skipped.some((s) => /larger than 65536 bytes/.test(s.reason))).toBe(true);
    const loads = readSegments(await readFile(path)).filter((s) => s.type === 1);
    expect(loads.every((s) => s.fileSize <= 64 * 1024)).toBe(true);
    expect(loads.reduce((sum, s) => sum + s.fileSize, 0)).toBe(result.bytesRead);
  });

  it('fails naming the process when it is gone', async () => {
    await expect(
      writeProcessCore(2 ** 22 + 17, join(dir, 'gone.core'), machine ?? 'x64', {
        maxRegionBytes: 1,
        maxTotalBytes: 1,
      }),
    ).rejects.toThrow(/4194321/);
  });
});
