import { describe, expect, it } from 'vitest';
import { type BpftraceRecord, createDecoder, type DecoderHost, type ProcessEntry } from './index.js';

const CONTAINER = 'a'.repeat(64);

/** A host where cgroup 120 is the test container and /proc knows only pid 1 (runc's parent for the test). */
function testHost(): DecoderHost {
  const init: ProcessEntry = {
    pid: 1,
    ppid: 0,
    name: 'containerd-shim',
    exe: 'containerd-shim',
    exepath: '/usr/bin/containerd-shim',
    args: [],
    cmdline: 'containerd-shim',
    tty: 0,
    startTime: null,
    capEffective: null,
    isExeFromMemfd: false,
  };
  return {
    containerOf: (cg) => (cg === '120' ? CONTAINER : 'host'),
    readProcess: (pid) => (pid === 1 ? init : undefined),
    readCwd: (pid) => (pid === 300 ? '/etc' : undefined),
    toEpochMs: (ns) => Number(ns / 1_000_000n),
  };
}

const rec = (line: string): BpftraceRecord => {
  const [tag, ...fields] = line.split('|');
  return { tag: tag as string, fields };
};

function feed(lines: string[]) {
  const decoder = createDecoder(testHost());
  const events = lines.map((l) => decoder.push(rec(l))).filter((e) => e !== undefined);
  return { decoder, events };
}

describe('createDecoder', () => {
  it('assembles an exec from X, XA and XC, with argv, capabilities, container and ancestry', () => {
    const { events } = feed([
      `X|5000000|300|1|0|0|4294967295|a80425fb|120|0|/bin/sh`,
      'XA|5000000|300|0|sh\\x00-c\\x00echo hi > /etc/x\\x00',
      `XC|5000000|300|120|${CONTAINER}|busybox`,
    ]);
    expect(events).toHaveLength(1);
    const e = events[0];
    expect(e?.type).toBe('exec');
    expect(e?.time).toBe(5);
    expect(e?.proc).toMatchObject({
      pid: 300,
      ppid: 1,
      name: 'sh',
      exe: 'sh',
      exepath: '/bin/sh',
      args: ['-c', 'echo hi > /etc/x'],
      cmdline: 'sh -c echo hi > /etc/x',
      isExeFromMemfd: false,
    });
    expect(e?.proc.capEffective).toContain('CAP_CHOWN');
    expect(e?.proc.capEffective).not.toContain('CAP_SYS_ADMIN');
    expect(e?.proc.ancestors.map((a) => a.name)).toEqual(['containerd-shim']);
    expect(e?.user).toEqual({ uid: 0, name: null, loginuid: -1 });
    expect(e?.container.id).toBe(CONTAINER);
  });

  it('names later events after the exec, resolves relative paths, and renders open flags', () => {
    const { events } = feed([
      'X|1|300|1|0|0|0|0|120|0|/bin/cat',
      'XA|1|300|0|cat\\x00shadow\\x00',
      `XC|1|300|120|${CONTAINER}|busybox`,
      'O|2000000|300|300|0|120|openat|0|3|shadow',
      'O|3000000|300|300|0|120|openat|241|4|/etc/../etc/passwd-',
    ]);
    const [read, write] = events.slice(1);
    expect(read?.proc.name).toBe('cat');
    expect(read?.proc.ancestors.map((a) => a.name)).toEqual(['containerd-shim']);
    expect(read?.fd).toMatchObject({ num: 3, type: 'file', name: '/etc/shadow', nameraw: 'shadow' });
    expect(read?.args).toMatchObject({ flags: 'O_RDONLY', isRead: true, isWrite: false });
    expect(write?.fd).toMatchObject({ name: '/etc/passwd-', directory: '/etc', filename: 'passwd-' });
    expect(write?.args.flags).toBe('O_WRONLY|O_CREAT|O_TRUNC');
    expect(write?.container.id).toBe(CONTAINER);
  });

  it('gives a forked child its parent as process until it execs', () => {
    const { events } = feed([
      'X|1|300|1|0|0|0|0|120|0|/bin/sh',
      'XA|1|300|0|sh\\x00',
      `XC|1|300|120|${CONTAINER}|sh`,
      'F|2|300|301|120',
      'O|3|301|301|0|120|openat|41|3|/etc/passwd',
    ]);
    expect(events[1]?.proc).toMatchObject({ pid: 301, ppid: 300, name: 'sh' });
    expect(events[1]?.proc.ancestors[0]?.pid).toBe(300);
  });

  it('decodes connect, accept, setuid, ptrace and a socket duplicated onto stdio', () => {
    const { events } = feed([
      'C|1|10|10|0|120|connect|3|2|1|3333|0|172.21.0.2',
      'C|1|10|10|0|120|connect|4|1|1|0|0|/var/run/docker.sock',
      'N|1|11|11|0|120|accept4|5|10|40000|8080|::ffff:172.21.0.2|::ffff:172.21.0.3',
      'U|1|12|12|1000|120|setresuid|-1|0|-1|0',
      'P|1|13|13|0|120|ptrace|16|99|0',
      'D|1|14|14|0|120|dup2|3|0|2|8080|40000|172.21.0.2',
    ]);
    const [connect, unix, accept, setuid, ptrace, dup] = events;
    expect(connect?.fd).toMatchObject({ type: 'ipv4', l4proto: 'tcp', sip: '172.21.0.2', sport: 3333 });
    expect(unix?.fd).toMatchObject({ type: 'unix', name: '/var/run/docker.sock' });
    expect(accept?.fd).toMatchObject({ type: 'ipv6', cip: '::ffff:172.21.0.3', sport: 8080 });
    expect(setuid).toMatchObject({
      type: 'setuid',
      syscall: 'setresuid',
      args: { uid: 0 },
      user: { uid: 1000 },
    });
    expect(ptrace?.args).toMatchObject({ request: 'PTRACE_ATTACH', pid: 99 });
    expect(dup).toMatchObject({ type: 'dup', res: 0, args: { oldfd: 3, newfd: 0 } });
    expect(dup?.fd).toMatchObject({ type: 'ipv4', sip: '172.21.0.2', sport: 8080 });
  });

  it('joins two-path records with their continuation', () => {
    const { events } = feed([
      'SL|1|20|20|0|120|symlinkat|0|/etc/shadow',
      'K|1|20|/tmp/link',
      'RN|1|21|21|0|1|renameat2|0|/bin/true',
      'K|1|21|/bin/true.bak',
    ]);
    expect(events[0]).toMatchObject({
      type: 'symlink',
      args: { target: '/etc/shadow', linkpath: '/tmp/link' },
    });
    expect(events[1]).toMatchObject({
      type: 'rename',
      args: { oldpath: '/bin/true', newpath: '/bin/true.bak' },
      container: { id: 'host' },
    });
  });

  it('drops an exec whose records never complete, and a continuation without its record', () => {
    const { events, decoder } = feed(['X|1|400|1|0|0|0|0|1|0|/bin/x', 'K|1|99|/tmp/orphan']);
    expect(events).toEqual([]);
    expect(decoder.processes.has(400)).toBe(false);
  });
});
