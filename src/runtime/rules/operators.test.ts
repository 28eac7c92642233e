import { describe, expect, it } from 'vitest';
import { createRuntimeEvent, type RuntimeEvent } from '../../core/runtime/runtime-event.js';
import { interpret } from './codegen.js';
import { compileRuleFiles } from './load.js';
import {
  compileBytesContains,
  compileGlob,
  compilePathMatch,
  isInNetwork,
  parseIp,
  parseNetwork,
} from './operators.js';
import { createRuleset } from './ruleset.js';

describe('glob (fnmatch without FNM_PATHNAME)', () => {
  it.each`
    pattern             | value                      | expected
    ${'/home/*/.ssh/*'} | ${'/home/ann/.ssh/id_rsa'} | ${true}
    ${'/home/*/.ssh/*'} | ${'/home/a/b/.ssh/k'}      | ${true}
    ${'/home/*/.ssh/*'} | ${'/root/.ssh/id_rsa'}     | ${false}
    ${'*../*../*'}      | ${'/etc/../etc/../shadow'} | ${true}
    ${'*../*../*'}      | ${'/etc/../shadow'}        | ${false}
    ${'file?.txt'}      | ${'file1.txt'}             | ${true}
    ${'file?.txt'}      | ${'file10.txt'}            | ${false}
    ${'[abc]*'}         | ${'bash'}                  | ${true}
    ${'[!abc]*'}        | ${'bash'}                  | ${false}
    ${'[a-c]x'}         | ${'bx'}                    | ${true}
    ${'[]]x'}           | ${']x'}                    | ${true}
    ${'a\\*b'}          | ${'a*b'}                   | ${true}
    ${'a\\*b'}          | ${'axb'}                   | ${false}
    ${'[unclosed'}      | ${'[unclosed'}             | ${true}
    ${'exact'}          | ${'exact'}                 | ${true}
    ${'exact'}          | ${'exactly'}               | ${false}
    ${'*'}              | ${''}                      | ${true}
    ${''}               | ${'x'}                     | ${false}
  `('$pattern ~ $value → $expected', ({ pattern, value, expected }) => {
    expect(compileGlob(pattern)(value)).toBe(expected);
  });

  it('stays fast on patterns that make backtracking regexes explode', () => {
    const match = compileGlob('*a*a*a*a*a*a*a*a*b');
    const start = performance.now();
    expect(match('a'.repeat(5000))).toBe(false);
    expect(performance.now() - start).toBeLessThan(1000);
  });
});

describe('pmatch (path prefixes by component)', () => {
  it.each`
    prefixes                | value                     | expected
    ${['/etc']}             | ${'/etc'}                 | ${true}
    ${['/etc']}             | ${'/etc/passwd'}          | ${true}
    ${['/etc/']}            | ${'/etc/ssh/sshd_config'} | ${true}
    ${['/etc']}             | ${'/etcd/data'}           | ${false}
    ${['/usr/bin', '/bin']} | ${'/bin/sh'}              | ${true}
    ${['/usr/bin']}         | ${'/usr/lib/x'}           | ${false}
    ${['/']}                | ${'/anything'}            | ${true}
    ${['/home/*/.ssh']}     | ${'/home/ann/.ssh/keys'}  | ${true}
    ${['/home/*/.ssh']}     | ${'/home/ann/docs'}       | ${false}
    ${['/home/*/.ssh']}     | ${'/home'}                | ${false}
  `('$prefixes ⊇ $value → $expected', ({ prefixes, value, expected }) => {
    expect(compilePathMatch(prefixes)(value)).toBe(expected);
  });
});

describe('IP addresses and networks', () => {
  it.each`
    text                      | valid
    ${'10.1.2.3'}             | ${true}
    ${'256.1.1.1'}            | ${false}
    ${'1.2.3'}                | ${false}
    ${'::1'}                  | ${true}
    ${'fe80::1:2'}            | ${true}
    ${'2001:db8:0:0:0:0:0:1'} | ${true}
    ${'::ffff:10.0.0.1'}      | ${true}
    ${'1:2:3:4:5:6:7:8:9'}    | ${false}
    ${'1::2::3'}              | ${false}
    ${'g::1'}                 | ${false}
    ${'example.com'}          | ${false}
  `('parseIp($text) valid=$valid', ({ text, valid }) => {
    expect(parseIp(text) !== undefined).toBe(valid);
  });

  it('compares IPv4 with its mapped IPv6 form and matches networks', () => {
    expect(parseIp('::ffff:10.0.0.1')).toEqual(parseIp('10.0.0.1'));
    expect(parseIp('2001:db8::1')).toEqual(parseIp('2001:db8:0:0:0:0:0:1'));
    const net = parseNetwork('10.0.0.0/8');
    const v6 = parseNetwork('fd00::/8');
    if (!net || !v6) throw new Error('networks expected');
    expect(isInNetwork(parseIp('10.200.3.4') as Uint8Array, net)).toBe(true);
    expect(isInNetwork(parseIp('11.0.0.1') as Uint8Array, net)).toBe(false);
    expect(isInNetwork(parseIp('fd12::1') as Uint8Array, v6)).toBe(true);
    expect(isInNetwork(parseIp('fe80::1') as Uint8Array, v6)).toBe(false);
    expect(parseNetwork('172.16.0.0/12')?.bits).toBe(108);
    expect(parseNetwork('10.0.0.0/33')).toBeUndefined();
  });
});

describe('bcontains', () => {
  it('matches hex bytes and refuses bad hex', () => {
    expect(compileBytesContains('2f6574632f')?.('cat /etc/shadow')).toBe(true);
    expect(compileBytesContains('ffff')?.('cat /etc/shadow')).toBe(false);
    expect(compileBytesContains('abc')).toBeUndefined();
  });
});

/** An open of /etc/shadow by cat in a container, with a connection-less fd and a parent chain. */
function event(overrides: Partial<Parameters<typeof createRuntimeEvent>[0]> = {}): RuntimeEvent {
  return createRuntimeEvent({
    type: 'open',
    syscall: 'openat',
    res: 3,
    args: { flags: 'O_RDONLY|O_CLOEXEC', isRead: true, isWrite: false, path: '/etc/shadow' },
    proc: {
      pid: 42,
      name: 'cat',
      exe: '/bin/cat',
      exepath: '/bin/cat',
      args: ['/etc/shadow', '--Verbose'],
      tty: 0,
      ancestors: [
        { pid: 41, name: 'sh', exe: '/bin/sh', exepath: '/bin/busybox', cmdline: 'sh -c cat /etc/shadow' },
        { pid: 1, name: 'node', exe: 'node', exepath: '/usr/local/bin/node', cmdline: 'node server.js' },
      ],
    },
    fd: { num: 3, type: 'file', name: '/etc/shadow' },
    user: { uid: 1000, name: 'app' },
    container: { id: 'abc123', name: 'web', image: 'docker.io/library/nginx:1.25' },
    ...overrides,
  });
}

const connectEvent = createRuntimeEvent({
  type: 'connect',
  res: 0,
  proc: { name: 'curl', args: ['http://203.0.113.9:3333'] },
  fd: {
    num: 4,
    type: 'ipv4',
    name: '172.17.0.2:40000->203.0.113.9:3333',
    l4proto: 'tcp',
    cip: '172.17.0.2',
    cport: 40000,
    sip: '203.0.113.9',
    sport: 3333,
  },
  container: { id: 'abc123' },
});

function check(condition: string, e: RuntimeEvent): boolean {
  const text = `- rule: R\n  desc: d\n  condition: ${JSON.stringify(condition)}\n  output: o\n  priority: INFO\n`;
  const loaded = compileRuleFiles([{ file: 'op.yaml', text }]);
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map((d) => d.message).join('; '));
  const rule = loaded.rules[0];
  if (!rule) throw new Error('no rule');
  const generated = rule.predicate(e);
  // The per-rule predicate, the per-bucket evaluator and the reference interpreter must agree.
  expect(interpret(rule.typedCondition, e)).toBe(generated);
  const alerts = rule.eventTypes.includes(e.type) ? createRuleset([rule]).evaluate(e) : [];
  expect(alerts.length > 0).toBe(generated && rule.eventTypes.includes(e.type));
  return generated;
}

describe('operators on events (generated predicate = bucket evaluator = interpreter)', () => {
  it.each`
    condition                                                 | expected
    ${'fd.name = /etc/shadow'}                                | ${true}
    ${'fd.name = /etc/passwd'}                                | ${false}
    ${'fd.name != /etc/passwd'}                               | ${true}
    ${'fd.name != /etc/shadow'}                               | ${false}
    ${'proc.pid < 43'}                                        | ${true}
    ${'proc.pid < 42'}                                        | ${false}
    ${'proc.pid <= 42'}                                       | ${true}
    ${'proc.pid <= 41'}                                       | ${false}
    ${'proc.pid > 41'}                                        | ${true}
    ${'proc.pid > 42'}                                        | ${false}
    ${'proc.pid >= 42'}                                       | ${true}
    ${'proc.pid >= 43'}                                       | ${false}
    ${'proc.pid = 0x2a'}                                      | ${true}
    ${'proc.name in (sh, cat)'}                               | ${true}
    ${'proc.name in (sh, bash)'}                              | ${false}
    ${'proc.name in ()'}                                      | ${false}
    ${'proc.name intersects (cat, dog)'}                      | ${true}
    ${'proc.name intersects (dog)'}                           | ${false}
    ${'proc.aname intersects (node, java)'}                   | ${true}
    ${'proc.aname intersects (java)'}                         | ${false}
    ${'proc.cmdline contains "/etc/shadow --V"'}              | ${true}
    ${'proc.cmdline contains "--verbose"'}                    | ${false}
    ${'proc.cmdline icontains "--verbose"'}                   | ${true}
    ${'proc.cmdline icontains "--quiet"'}                     | ${false}
    ${'fd.name startswith /etc/'}                             | ${true}
    ${'fd.name startswith /usr/'}                             | ${false}
    ${'fd.name endswith shadow'}                              | ${true}
    ${'fd.name endswith passwd'}                              | ${false}
    ${'fd.name glob "/etc/sha*"'}                             | ${true}
    ${'fd.name glob "/etc/pa*"'}                              | ${false}
    ${'fd.name pmatch (/usr, /etc)'}                          | ${true}
    ${'fd.name pmatch (/usr, /et)'}                           | ${false}
    ${'proc.pname exists'}                                    | ${true}
    ${'proc.aname[5] exists'}                                 | ${false}
    ${'proc.cwd exists'}                                      | ${false}
    ${'proc.cmdline bcontains 2f6574632f736861646f77'}        | ${true}
    ${'proc.cmdline bcontains 2f62696e'}                      | ${false}
    ${'evt.is_open_read = true'}                              | ${true}
    ${'evt.is_open_write = true'}                             | ${false}
    ${'evt.arg.flags contains O_RDONLY'}                      | ${true}
    ${'evt.arg.flags contains O_TRUNC'}                       | ${false}
    ${'proc.aname = node'}                                    | ${true}
    ${'proc.aname = java'}                                    | ${false}
    ${'proc.aname != java'}                                   | ${true}
    ${'proc.aname != node'}                                   | ${false}
    ${'proc.aname[0] = cat'}                                  | ${true}
    ${'proc.aname[1] = sh'}                                   | ${true}
    ${'proc.aname[2] startswith no'}                          | ${true}
    ${'proc.aname[3] = x'}                                    | ${false}
    ${'proc.pname = sh and proc.pcmdline contains shadow'}    | ${true}
    ${'proc.args = "/etc/shadow --Verbose"'}                  | ${true}
    ${'tolower(proc.args) contains verbose'}                  | ${true}
    ${'toupper(proc.name) = CAT'}                             | ${true}
    ${'basename(proc.exepath) = cat'}                         | ${true}
    ${'len(fd.name) = 11'}                                    | ${true}
    ${'len(fd.name) > 11'}                                    | ${false}
    ${'container.image.repository = docker.io/library/nginx'} | ${true}
    ${'container.image.tag = "1.25"'}                         | ${true}
    ${'fd.typechar = f and fd.directory = /etc'}              | ${true}
    ${'fd.filename = shadow'}                                 | ${true}
    ${'evt.res = SUCCESS and evt.rawres = 3'}                 | ${true}
    ${'user.uid != 0 and user.name = app'}                    | ${true}
  `('$condition → $expected', ({ condition, expected }) => {
    expect(check(`evt.type = openat and ${condition}`, event())).toBe(expected);
  });

  it.each`
    condition                                                         | expected
    ${'fd.sip = 203.0.113.9'}                                         | ${true}
    ${'fd.sip = "::ffff:203.0.113.9"'}                                | ${true}
    ${'fd.sip = 203.0.113.10'}                                        | ${false}
    ${'fd.sip != 203.0.113.10'}                                       | ${true}
    ${'fd.sip != 203.0.113.9'}                                        | ${false}
    ${'fd.sip in (10.0.0.1, 203.0.113.9)'}                            | ${true}
    ${'fd.ip = 172.17.0.2'}                                           | ${true}
    ${'fd.ip != 172.17.0.2'}                                          | ${false}
    ${'fd.ip != 0.0.0.0'}                                             | ${true}
    ${'fd.snet = "203.0.113.0/24"'}                                   | ${true}
    ${'fd.snet in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16")'} | ${false}
    ${'fd.cnet in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16")'} | ${true}
    ${'fd.net != "127.0.0.0/8"'}                                      | ${true}
    ${'fd.net = "172.16.0.0/12"'}                                     | ${true}
    ${'fd.sport in (3333, 4444)'}                                     | ${true}
    ${'fd.port = 40000'}                                              | ${true}
    ${'fd.port = 22'}                                                 | ${false}
    ${'fd.lport = 40000 and fd.rport = 3333'}                         | ${true}
    ${'fd.rip = 203.0.113.9 and fd.lip = 172.17.0.2'}                 | ${true}
    ${'fd.typechar = 4 and fd.sockfamily = ip and fd.l4proto = tcp'}  | ${true}
  `('connect: $condition → $expected', ({ condition, expected }) => {
    expect(check(`evt.type = connect and ${condition}`, connectEvent)).toBe(expected);
  });

  it('a value the event does not carry makes every comparison false, != and not in included', () => {
    const e = event({ fd: { type: 'file', name: null } });
    expect(check('evt.type = openat and fd.name = x', e)).toBe(false);
    expect(check('evt.type = openat and fd.name != x', e)).toBe(false);
    expect(check('evt.type = openat and fd.name contains x', e)).toBe(false);
    expect(check('evt.type = openat and fd.name in (x)', e)).toBe(false);
    expect(check('evt.type = openat and not fd.name in (x)', e)).toBe(true);
    expect(check('evt.type = openat and fd.name exists', e)).toBe(false);
    expect(check('evt.type = openat and proc.duration > 0', e)).toBe(false);
  });
});
