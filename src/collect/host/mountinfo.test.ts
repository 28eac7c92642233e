import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectDataRoot, findMountPoint, parseMountinfo } from './mountinfo.js';

const MOUNTINFO = `22 27 0:21 / /proc rw,relatime - proc proc rw
27 1 254:0 / / rw,relatime - ext4 /dev/vda rw,discard
36 27 254:1 / /var rw,relatime shared:2 - ext4 /dev/vdb rw
42 36 254:2 / /var/lib/docker rw,relatime shared:1 master:3 - xfs /dev/vdc rw
50 27 254:3 / /mnt/with\\040space rw - ext4 /dev/vdd rw
garbage line
`;

describe('parseMountinfo', () => {
  it('reads mount point, root, fs type and source, with optional fields and octal escapes', () => {
    expect(parseMountinfo(MOUNTINFO)).toEqual([
      { root: '/', mountPoint: '/proc', fsType: 'proc', source: 'proc' },
      { root: '/', mountPoint: '/', fsType: 'ext4', source: '/dev/vda' },
      { root: '/', mountPoint: '/var', fsType: 'ext4', source: '/dev/vdb' },
      { root: '/', mountPoint: '/var/lib/docker', fsType: 'xfs', source: '/dev/vdc' },
      { root: '/', mountPoint: '/mnt/with space', fsType: 'ext4', source: '/dev/vdd' },
    ]);
  });
});

describe('findMountPoint', () => {
  const mounts = parseMountinfo(MOUNTINFO);
  it.each`
    path                          | mountPoint
    ${'/var/lib/docker'}          | ${'/var/lib/docker'}
    ${'/var/lib/docker/overlay2'} | ${'/var/lib/docker'}
    ${'/var/lib/dockerx'}         | ${'/var'}
    ${'/var/lib'}                 | ${'/var'}
    ${'/srv/docker'}              | ${'/'}
    ${'/mnt/with space/docker'}   | ${'/mnt/with space'}
  `('$path is on $mountPoint', ({ path, mountPoint }: { path: string; mountPoint: string }) => {
    expect(findMountPoint(mounts, path)?.mountPoint).toBe(mountPoint);
  });

  it('takes the last of several mounts stacked on one point', () => {
    const stacked = parseMountinfo(`${MOUNTINFO}60 42 0:50 / /var/lib/docker rw - tmpfs tmpfs rw\n`);
    expect(findMountPoint(stacked, '/var/lib/docker')?.fsType).toBe('tmpfs');
  });

  it('finds nothing without mounts', () => {
    expect(findMountPoint([], '/var/lib/docker')).toBeUndefined();
  });
});

describe('collectDataRoot', () => {
  let proc: string;
  beforeAll(async () => {
    proc = await mkdtemp(join(tmpdir(), 'cgtest-mountinfo-'));
    await mkdir(join(proc, 'self'));
    await mkdir(join(proc, '99'));
    await writeFile(join(proc, 'self', 'mountinfo'), '27 1 254:0 / / rw - ext4 /dev/vda rw\n');
    await writeFile(join(proc, '99', 'mountinfo'), MOUNTINFO);
  });
  afterAll(async () => {
    await rm(proc, { recursive: true, force: true });
  });

  it("uses dockerd's mount namespace when its pid is known", async () => {
    expect(await collectDataRoot('/var/lib/docker', { dockerdPid: 99, procRoot: proc })).toEqual({
      path: '/var/lib/docker',
      isSeparateMount: true,
      mountPoint: '/var/lib/docker',
    });
  });

  it('falls back to its own mounts, where the data root is on /', async () => {
    expect(await collectDataRoot('/var/lib/docker', { procRoot: proc })).toEqual({
      path: '/var/lib/docker',
      isSeparateMount: false,
      mountPoint: '/',
    });
  });

  it('says why when no mountinfo can be read', async () => {
    const facts = await collectDataRoot('/var/lib/docker', { procRoot: join(proc, 'absent') });
    expect(facts).toEqual({ path: '/var/lib/docker', error: 'cannot read mountinfo: does not exist' });
  });
});
