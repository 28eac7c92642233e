import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCmdline, groupProcessesByContainer, type ProcEntry, readProcTable } from './processes.js';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const cgroupOf = (id: string) => `12:pids:/docker/${id}\n0::/docker/${id}\n`;

describe('groupProcessesByContainer', () => {
  const procs: ProcEntry[] = [
    { pid: 1, cgroup: '0::/init.scope\n', command: '/sbin/init' },
    { pid: 200, cgroup: cgroupOf(A), command: 'sleep 3600' },
    { pid: 250, cgroup: cgroupOf(A), command: '/usr/sbin/sshd -D' },
    { pid: 300, cgroup: cgroupOf(B), command: 'nginx: master' },
  ];

  it('lists every process sharing the init process cgroup, in pid order', () => {
    const grouped = groupProcessesByContainer([...procs].reverse(), [
      { id: A, pid: 200 },
      { id: B, pid: 300 },
    ]);
    expect(grouped).toEqual(
      new Map([
        [A, ['sleep 3600', '/usr/sbin/sshd -D']],
        [B, ['nginx: master']],
      ]),
    );
  });

  it("refuses a pid whose cgroup does not name the container (another pid namespace's numbering)", () => {
    const grouped = groupProcessesByContainer(procs, [{ id: B, pid: 200 }]);
    expect(grouped.has(B)).toBe(false);
  });

  it('leaves out a container whose init process is not in the table', () => {
    expect(groupProcessesByContainer(procs, [{ id: A, pid: 999 }]).size).toBe(0);
  });
});

describe('formatCmdline', () => {
  it.each([
    ['sleep\x003600\x00', 'sleep', 'sleep 3600'],
    ['', 'kworker/0:1\n', '[kworker/0:1]'],
    ['nginx: master process\x00', 'nginx', 'nginx: master process'],
  ])('%j', (cmdline, comm, expected) => {
    expect(formatCmdline(cmdline, comm)).toBe(expected);
  });
});

describe('readProcTable', () => {
  let proc: string;
  beforeAll(async () => {
    proc = await mkdtemp(join(tmpdir(), 'cgtest-proc-'));
    const add = async (pid: number, cgroup: string, cmdline: string, comm = 'x') => {
      await mkdir(join(proc, String(pid)));
      await writeFile(join(proc, String(pid), 'cgroup'), cgroup);
      await writeFile(join(proc, String(pid), 'cmdline'), cmdline);
      await writeFile(join(proc, String(pid), 'comm'), `${comm}\n`);
    };
    await add(1, '0::/init.scope\n', '/sbin/init\0');
    await add(200, cgroupOf(A), 'sleep\x003600\x00');
    await add(201, cgroupOf(A), '', 'zombie');
    await add(300, cgroupOf(B), 'other\0');
    await mkdir(join(proc, 'self'));
    await mkdir(join(proc, '400'));
  });
  afterAll(async () => {
    await rm(proc, { recursive: true, force: true });
  });

  it('reads command lines only for processes in a wanted container cgroup', async () => {
    const table = await readProcTable([{ id: A, pid: 200 }], proc);
    expect(table.sort((x, y) => x.pid - y.pid)).toEqual([
      { pid: 200, cgroup: cgroupOf(A), command: 'sleep 3600' },
      { pid: 201, cgroup: cgroupOf(A), command: '[zombie]' },
    ]);
  });

  it('reads nothing when no container init process matches', async () => {
    expect(await readProcTable([{ id: A, pid: 300 }], proc)).toEqual([]);
  });
});
