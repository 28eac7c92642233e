import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCoastguardError } from '../../core/errors.js';
import {
  createRuntimeEvent,
  type RuntimeEvent,
  type RuntimeEventInit,
} from '../../core/runtime/runtime-event.js';
import { compileRuleFiles, DEFAULT_RULES_URL, type LoadedRules, readRuleFile } from './load.js';
import { createRuleset, type Ruleset } from './ruleset.js';

const CONTAINER = { id: 'f00dfeed', name: 'web', image: 'registry.example.com/shop/web:2.1' };
const NODE_PARENT = {
  pid: 10,
  name: 'node',
  exe: 'node',
  exepath: '/usr/local/bin/node',
  cmdline: 'node server.js',
};
const SHIM = {
  pid: 5,
  name: 'containerd-shim',
  exe: 'x',
  exepath: '/usr/bin/containerd-shim-runc-v2',
  cmdline: 'shim',
};

function exec(proc: RuntimeEventInit['proc'], extra: Partial<RuntimeEventInit> = {}): RuntimeEvent {
  return createRuntimeEvent({
    type: 'exec',
    syscall: 'execve',
    res: 0,
    proc: { pid: 100, ancestors: [NODE_PARENT, SHIM], ...proc },
    user: { uid: 1000, name: 'app' },
    container: CONTAINER,
    ...extra,
  });
}

function open(path: string, write: boolean, proc: RuntimeEventInit['proc'] = { name: 'node' }): RuntimeEvent {
  return createRuntimeEvent({
    type: 'open',
    syscall: 'openat',
    res: 7,
    args: { flags: write ? 'O_WRONLY|O_CREAT|O_TRUNC' : 'O_RDONLY', isRead: !write, isWrite: write, path },
    proc: { ancestors: [SHIM], ...proc },
    fd: { num: 7, type: 'file', name: path },
    user: { uid: 1000, name: 'app' },
    container: CONTAINER,
  });
}

function connect(sip: string, sport: number, fd: RuntimeEventInit['fd'] = {}): RuntimeEvent {
  return createRuntimeEvent({
    type: 'connect',
    res: 0,
    proc: { name: 'node', ancestors: [SHIM] },
    fd: {
      num: 9,
      type: 'ipv4',
      l4proto: 'tcp',
      cip: '172.17.0.2',
      cport: 41000,
      sip,
      sport,
      name: `172.17.0.2:41000->${sip}:${sport}`,
      ...fd,
    },
    container: CONTAINER,
  });
}

function other(type: RuntimeEventInit['type'], init: Partial<RuntimeEventInit>): RuntimeEvent {
  return createRuntimeEvent({
    type,
    res: 0,
    proc: { name: 'node', ancestors: [SHIM] },
    container: CONTAINER,
    ...init,
  });
}

let loaded: LoadedRules;
let ruleset: Ruleset;

beforeAll(async () => {
  const file = await readRuleFile(fileURLToPath(DEFAULT_RULES_URL));
  loaded = compileRuleFiles([file]);
  ruleset = createRuleset(loaded.rules);
});

describe('default rules', () => {
  it('compile with no errors and no warnings', () => {
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.rules.length).toBe(15);
  });

  const cases: [string, () => RuntimeEvent, () => RuntimeEvent][] = [
    [
      'Shell started in container',
      () => exec({ name: 'sh', args: ['-c', 'id'] }),
      () => exec({ name: 'sh', ancestors: [{ ...NODE_PARENT, name: 'bash' }] }),
    ],
    [
      'Interactive command in container',
      () => exec({ name: 'ls', tty: 34817 }),
      () => exec({ name: 'ls', tty: 0 }),
    ],
    [
      'Crypto miner started',
      () => exec({ name: 'xmrig', args: ['--donate-level', '1'] }),
      () => exec({ name: 'xmllint', args: ['a.xml'] }),
    ],
    [
      'Crypto miner started',
      () => exec({ name: 'kworker', args: ['-o', 'stratum+tcp://203.0.113.5:3333'] }),
      () => exec({ name: 'kworker', args: ['-o', 'tcp://203.0.113.5:3333'] }),
    ],
    [
      'Crypto mining pool named on command line',
      () => exec({ name: 'updater', args: ['--url', 'gulf.moneroocean.stream:10128'] }),
      () => exec({ name: 'updater', args: ['--url', 'updates.example.com:443'] }),
    ],
    ['Connection to mining pool port', () => connect('203.0.113.5', 3333), () => connect('203.0.113.5', 443)],
    [
      'Sensitive file read in container',
      () => open('/etc/shadow', false, { name: 'cat' }),
      () => open('/etc/shadow', false, { name: 'unix_chkpwd' }),
    ],
    [
      'Sensitive file read in container',
      () => open('/root/.ssh/id_rsa', false, { name: 'cat' }),
      () => open('/root/.profile', false, { name: 'cat' }),
    ],
    [
      'Write below etc in container',
      () => open('/etc/passwd', true, { name: 'sh' }),
      () => open('/etc/passwd', false, { name: 'sh' }),
    ],
    [
      'Write below etc in container',
      () => open('/etc/cron.d/job', true, { name: 'sh' }),
      () =>
        open('/etc/apt/sources.list', true, {
          name: 'sh',
          ancestors: [{ ...NODE_PARENT, name: 'apt-get' }, SHIM],
        }),
    ],
    [
      'Write below system binary directory in container',
      () => open('/usr/bin/ls', true, { name: 'curl' }),
      () => open('/tmp/usr/bin/ls', true, { name: 'curl' }),
    ],
    [
      'Package manager run in container',
      () => exec({ name: 'apk', args: ['add', 'nmap'] }),
      () => exec({ name: 'apkx' }),
    ],
    [
      'Docker socket opened from container',
      () =>
        connect('', 0, {
          type: 'unix',
          name: '/var/run/docker.sock',
          l4proto: null,
          cip: null,
          cport: null,
          sip: null,
          sport: null,
        }),
      () =>
        connect('', 0, {
          type: 'unix',
          name: '/var/run/app.sock',
          l4proto: null,
          cip: null,
          cport: null,
          sip: null,
          sport: null,
        }),
    ],
    [
      'Docker socket opened from container',
      () => open('/run/docker.sock', true),
      () => open('/run/docker.pid', true),
    ],
    [
      'Privilege escalation to root',
      () =>
        other('setuid', {
          syscall: 'setuid',
          args: { uid: 0 },
          user: { uid: 1000 },
          proc: { name: 'exploit' },
        }),
      () =>
        other('setuid', { syscall: 'setuid', args: { uid: 0 }, user: { uid: 1000 }, proc: { name: 'sudo' } }),
    ],
    [
      'Process traced in container',
      () => other('ptrace', { args: { request: 'PTRACE_ATTACH', pid: 1 }, proc: { name: 'gdb' } }),
      () => other('ptrace', { args: { request: 'PTRACE_TRACEME', pid: 0 }, proc: { name: 'gdb' } }),
    ],
    [
      'Mount inside container',
      () =>
        other('mount', {
          args: { source: '/dev/sda1', dir: '/mnt', fstype: 'ext4' },
          proc: { name: 'mount' },
        }),
      () =>
        other('mount', {
          args: { source: 'proc', dir: '/proc', fstype: 'proc' },
          proc: { name: 'runc:[2:INIT]' },
        }),
    ],
    [
      'Reverse shell in container',
      () =>
        other('dup', {
          syscall: 'dup2',
          res: 0,
          args: { oldfd: 3, newfd: 0 },
          proc: { name: 'sh' },
          fd: { num: 3, type: 'ipv4', name: '172.17.0.2:41000->203.0.113.5:4444' },
        }),
      () =>
        other('dup', {
          syscall: 'dup2',
          res: 1,
          args: { oldfd: 3, newfd: 1 },
          proc: { name: 'sh' },
          fd: { num: 3, type: 'pipe', name: 'pipe:[1]' },
        }),
    ],
    [
      'Executable not from image run in container',
      () => exec({ name: 'payload', exepath: '/tmp/payload', isExeUpperLayer: true }),
      () => exec({ name: 'payload', exepath: '/usr/bin/payload', isExeUpperLayer: false }),
    ],
  ];

  it.each(cases)('%s fires on a crafted event and not on a benign one', (name, crafted, benign) => {
    expect(ruleset.evaluate(crafted()).map((a) => a.rule)).toContain(name);
    expect(ruleset.evaluate(benign()).map((a) => a.rule)).not.toContain(name);
  });

  it('every default rule has a crafted case', () => {
    expect(new Set(cases.map(([name]) => name))).toEqual(new Set(loaded.rules.map((r) => r.name)));
  });

  it("stays quiet while runc sets up a new container's mounts, as recorded on this kernel", () => {
    // runc re-executes itself through a file descriptor with the single argument `init`.
    const runcInit = other('mount', {
      args: { source: null, dir: '/var/lib/docker/overlay2/0123/merged', fstype: 'bind' },
      proc: { name: '6', exepath: '/dev/fd/6', args: ['init'], ancestors: [{ ...SHIM, name: '6' }] },
    });
    expect(ruleset.evaluate(runcInit).map((a) => a.rule)).not.toContain('Mount inside container');
    const sameShapeOtherArgs = other('mount', {
      args: { source: null, dir: '/mnt', fstype: 'bind' },
      proc: { name: '6', exepath: '/dev/fd/6', args: ['--mount', '/mnt'] },
    });
    expect(ruleset.evaluate(sameShapeOtherArgs).map((a) => a.rule)).toContain('Mount inside container');
  });

  it('container rules stay quiet on the host', () => {
    const onHost = exec({ name: 'sh', tty: 1 }, { container: { id: 'host' } });
    expect(ruleset.evaluate(onHost)).toEqual([]);
  });

  it('alerts carry the rendered output and the container', () => {
    const [alert] = ruleset.evaluate(exec({ name: 'apk', args: ['add', 'nmap'] }));
    expect(alert?.output).toBe(
      'Package manager run in container web (cmdline=apk add nmap parent=node user=app image=registry.example.com/shop/web:2.1 container_id=f00dfeed)',
    );
    expect(alert?.container).toEqual(CONTAINER);
    expect(alert?.priority).toBe('error');
  });
});

describe('readRuleFile', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cgtest-rules-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('names the file it cannot read', async () => {
    const missing = join(dir, 'missing.yaml');
    const err = await readRuleFile(missing).catch((e: unknown) => e);
    expect(isCoastguardError(err) && err.code === 'BAD_INPUT' && err.message.includes(missing)).toBe(true);
    const dirErr = await readRuleFile(dir).catch((e: unknown) => e);
    expect(isCoastguardError(dirErr) && dirErr.message.includes('EISDIR')).toBe(true);
  });

  it('reports an unreadable file as bad input', async () => {
    const path = join(dir, 'secret.yaml');
    await writeFile(path, '- list: a\n  items: []\n');
    await chmod(path, 0);
    const result = await readRuleFile(path).then(
      (f) => f.text,
      (e: unknown) => e,
    );
    // root reads anything; everyone else gets EACCES named in a CoastguardError.
    if (typeof result === 'string') expect(process.getuid?.()).toBe(0);
    else expect(isCoastguardError(result) && result.message.includes('EACCES')).toBe(true);
  });
});
