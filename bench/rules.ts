// Benchmark: the rules engine on a recorded-like stream of runtime events, as JSON lines (the sensors' wire form).
// Measures (a) JSON.parse alone, (b) JSON.parse + ruleset.evaluate with Coastguard's default rules and the
// Falco stable rules that compile here, and (c) evaluation alone. Prints the pipeline throughput as a ratio of
// parse-only (target ≥ 0.8) and evaluation events/s on one core (target ≥ 1,000,000). The stream is generated
// from a fixed seed, so every run sees the same events. Not a test: medians of several rounds on a noisy box.
//
//   npx tsx bench/rules.ts [-- --events 200000 --rounds 7]
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { formatDiagnostic } from '../src/core/diagnostic.js';
import {
  createRuntimeEvent,
  type ProcessAncestor,
  type RuntimeEvent,
  type RuntimeEventInit,
} from '../src/core/runtime/runtime-event.js';
import { compileRuleFiles, createRuleset, type RuleSourceFile } from '../src/runtime/rules/index.js';

const { values } = parseArgs({
  options: { events: { type: 'string', default: '200000' }, rounds: { type: 'string', default: '7' } },
});
const EVENTS = Number(values.events);
const ROUNDS = Number(values.rounds);

/** mulberry32: small, fast, deterministic. */
function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = createRandom(20260601);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

interface Profile {
  readonly id: string;
  readonly name: string | null;
  readonly image: string | null;
  /** The long-running main process and the programs it runs. */
  readonly main: readonly [string, string, readonly string[]];
  readonly children: readonly (readonly [string, string, readonly string[]])[];
  readonly reads: readonly string[];
  readonly writes: readonly string[];
  readonly peers: readonly (readonly [string, number])[];
}

const SHIM: ProcessAncestor = {
  pid: 900,
  name: 'containerd-shim',
  exe: '/usr/bin/containerd-shim-runc-v2',
  exepath: '/usr/bin/containerd-shim-runc-v2',
  cmdline: 'containerd-shim -namespace moby -id abc -address /run/containerd/containerd.sock',
};
const SYSTEMD: ProcessAncestor = {
  pid: 1,
  name: 'systemd',
  exe: '/sbin/init',
  exepath: '/usr/lib/systemd/systemd',
  cmdline: 'systemd',
};

const LIBS = [
  '/etc/ld.so.cache',
  '/usr/lib/x86_64-linux-gnu/libc.so.6',
  '/usr/lib/x86_64-linux-gnu/libssl.so.3',
  '/proc/self/stat',
];
const PROFILES: readonly Profile[] = [
  {
    id: 'host',
    name: null,
    image: null,
    main: ['dockerd', '/usr/sbin/dockerd', ['-H', 'fd://']],
    children: [
      ['runc', '/usr/sbin/runc', ['--root', '/var/run/docker/runtime-runc/moby', 'state']],
      ['iptables', '/usr/sbin/iptables', ['-t', 'nat', '-L', '-n']],
      ['journalctl', '/usr/bin/journalctl', ['--rotate']],
    ],
    reads: [...LIBS, '/var/lib/docker/containers/abc/config.v2.json', '/sys/fs/cgroup/cpu.stat'],
    writes: ['/var/lib/docker/containers/abc/abc-json.log', '/run/docker/containerd/daemon.log'],
    peers: [['127.0.0.1', 2375]],
  },
  {
    id: 'a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2',
    name: 'web',
    image: 'docker.io/library/nginx:1.25',
    main: ['nginx', '/usr/sbin/nginx', ['-g', 'daemon off;']],
    children: [['nginx', '/usr/sbin/nginx', ['-s', 'reload']]],
    reads: [
      ...LIBS,
      '/usr/share/nginx/html/index.html',
      '/etc/nginx/nginx.conf',
      '/usr/share/nginx/html/app.js',
    ],
    writes: ['/var/log/nginx/access.log', '/var/cache/nginx/proxy_temp/1/00/0000000001'],
    peers: [['172.18.0.5', 8080]],
  },
  {
    id: 'b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3',
    name: 'api',
    image: 'registry.example.com/shop/api:4.2.0',
    main: ['node', '/usr/local/bin/node', ['dist/server.js']],
    children: [
      ['git', '/usr/bin/git', ['rev-parse', 'HEAD']],
      ['convert', '/usr/bin/convert', ['/tmp/upload.png', '-resize', '256x256', '/tmp/thumb.png']],
    ],
    reads: [
      ...LIBS,
      '/app/dist/server.js',
      '/app/config/production.json',
      '/app/node_modules/express/index.js',
    ],
    writes: ['/tmp/upload.png', '/tmp/thumb.png', '/app/.cache/sessions.db'],
    peers: [
      ['172.18.0.6', 5432],
      ['172.18.0.7', 6379],
      ['140.82.112.3', 443],
      ['93.184.216.34', 443],
    ],
  },
  {
    id: 'c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4',
    name: 'db',
    image: 'docker.io/library/postgres:16',
    main: ['postgres', '/usr/lib/postgresql/16/bin/postgres', ['-D', '/var/lib/postgresql/data']],
    children: [['postgres', '/usr/lib/postgresql/16/bin/postgres', ['--forkchild=autovacuum']]],
    reads: [
      ...LIBS,
      '/var/lib/postgresql/data/base/16384/2619',
      '/var/lib/postgresql/data/global/pg_control',
    ],
    writes: [
      '/var/lib/postgresql/data/pg_wal/000000010000000000000001',
      '/var/lib/postgresql/data/base/16384/16402',
    ],
    peers: [['172.18.0.8', 5432]],
  },
  {
    id: 'd4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5',
    name: 'worker',
    image: 'python:3.12-slim',
    main: ['python3', '/usr/local/bin/python3', ['-m', 'worker', '--queue', 'default']],
    children: [['ffmpeg', '/usr/bin/ffmpeg', ['-i', '/data/in.mp4', '-vf', 'scale=640:-1', '/data/out.mp4']]],
    reads: [...LIBS, '/usr/local/lib/python3.12/json/__init__.py', '/data/in.mp4'],
    writes: ['/data/out.mp4', '/tmp/tmpa8f3k2'],
    peers: [
      ['172.18.0.7', 6379],
      ['52.216.8.1', 443],
    ],
  },
];

/** What the stream contains about once in a thousand events: things the default rules report. */
const INCIDENTS: readonly ((init: Omit<RuntimeEventInit, 'type'>) => RuntimeEvent)[] = [
  (b) =>
    createRuntimeEvent({
      ...b,
      type: 'exec',
      proc: {
        ...b.proc,
        name: 'xmrig',
        exe: '/tmp/xmrig',
        exepath: '/tmp/xmrig',
        args: ['-o', 'stratum+tcp://pool:3333'],
        isExeUpperLayer: true,
      },
    }),
  (b) =>
    createRuntimeEvent({
      ...b,
      type: 'open',
      syscall: 'openat',
      res: 3,
      proc: { ...b.proc, name: 'cat', exe: 'cat', exepath: '/bin/cat', args: ['/etc/shadow'] },
      args: { flags: 'O_RDONLY', isRead: true, isWrite: false, path: '/etc/shadow' },
      fd: { num: 3, type: 'file', name: '/etc/shadow' },
    }),
  (b) =>
    createRuntimeEvent({
      ...b,
      type: 'connect',
      res: 0,
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
    }),
  (b) =>
    createRuntimeEvent({
      ...b,
      type: 'exec',
      proc: { ...b.proc, name: 'sh', exe: '/bin/sh', exepath: '/bin/busybox', args: ['-c', 'id'] },
    }),
];

function generateEvent(num: number): RuntimeEvent {
  const p = pick(PROFILES);
  const isChild = random() < 0.1;
  const [name, exepath, args] = isChild ? pick(p.children) : p.main;
  const time = 1_780_000_000_000 + num * 0.05;
  const mainAncestor: ProcessAncestor = {
    pid: 1200,
    name: p.main[0],
    exe: p.main[1],
    exepath: p.main[1],
    cmdline: [p.main[0], ...p.main[2]].join(' '),
  };
  const ancestors = p.id === 'host' ? [SYSTEMD] : isChild ? [mainAncestor, SHIM] : [SHIM];
  const base: Omit<RuntimeEventInit, 'type'> = {
    num,
    time,
    proc: {
      pid: isChild ? 3000 + (num % 20000) : 1200,
      ppid: ancestors[0]?.pid ?? 0,
      name,
      exe: exepath,
      exepath,
      args: [...args],
      cwd: '/app',
      tty: 0,
      startTime: time - (isChild ? 10 : 3_600_000),
      ancestors,
      isExeUpperLayer: false,
      isExeWritable: false,
      isExeFromMemfd: false,
      capEffective: 'CAP_CHOWN CAP_DAC_OVERRIDE CAP_FOWNER CAP_SETGID CAP_SETUID CAP_NET_BIND_SERVICE',
    },
    user: { uid: p.id === 'host' ? 0 : 101, name: p.id === 'host' ? 'root' : 'app', loginuid: -1 },
    container: {
      id: p.id,
      name: p.name,
      image: p.image,
      labels: { 'com.example.team': 'shop' },
      privileged: false,
    },
  };
  if (random() < 0.001) return pick(INCIDENTS)(base);
  const roll = random();
  if (roll < 0.15) return createRuntimeEvent({ ...base, type: 'exec', syscall: 'execve', res: 0 });
  if (roll < 0.75) {
    const write = random() < 0.25;
    const file = write ? pick(p.writes) : pick(p.reads);
    return createRuntimeEvent({
      ...base,
      type: 'open',
      syscall: 'openat',
      res: 5,
      args: {
        flags: write ? 'O_WRONLY|O_CREAT|O_APPEND|O_CLOEXEC' : 'O_RDONLY|O_CLOEXEC',
        isRead: !write,
        isWrite: write,
        path: file,
      },
      fd: { num: 5, type: 'file', name: file },
    });
  }
  if (roll < 0.9) {
    const [sip, sport] = pick(p.peers);
    return createRuntimeEvent({
      ...base,
      type: 'connect',
      syscall: 'connect',
      res: 0,
      fd: {
        num: 7,
        type: 'ipv4',
        name: `172.17.0.2:41234->${sip}:${sport}`,
        l4proto: 'tcp',
        cip: '172.17.0.2',
        cport: 41234,
        sip,
        sport,
      },
    });
  }
  if (roll < 0.95) {
    return createRuntimeEvent({
      ...base,
      type: 'accept',
      syscall: 'accept4',
      res: 9,
      fd: {
        num: 9,
        type: 'ipv4',
        name: '10.0.3.9:50122->172.17.0.2:8080',
        l4proto: 'tcp',
        cip: '10.0.3.9',
        cport: 50122,
        sip: '172.17.0.2',
        sport: 8080,
      },
    });
  }
  if (roll < 0.97) {
    return createRuntimeEvent({
      ...base,
      type: 'dup',
      syscall: 'dup2',
      res: 10,
      args: { oldfd: 3, newfd: 10 },
      fd: { num: 3, type: 'pipe', name: 'pipe:[12345]' },
    });
  }
  return createRuntimeEvent({
    ...base,
    type: 'unlink',
    syscall: 'unlinkat',
    res: 0,
    args: { path: '/tmp/upload.png' },
    fd: { type: 'file', name: '/tmp/upload.png' },
  });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

const FALCO_DIR = resolve(import.meta.dirname, '../../shared/reference/falco-rules');
const files: RuleSourceFile[] = [];
try {
  files.push({
    file: 'falco_rules.yaml',
    text: readFileSync(resolve(FALCO_DIR, 'falco_rules.yaml'), 'utf8'),
  });
} catch {
  console.log(`Falco's stable rules not found at ${FALCO_DIR}: measuring the default rules only`);
}
const defaultPath = resolve(import.meta.dirname, '../src/runtime/rules/default-rules.yaml');
files.push({ file: 'default-rules.yaml', text: readFileSync(defaultPath, 'utf8') });
const loaded = compileRuleFiles(files);
for (const d of loaded.diagnostics)
  if (d.severity === 'error') console.log(`  refused: ${formatDiagnostic(d)}`);
const ruleset = createRuleset(loaded.rules);

console.log(`generating ${EVENTS} events...`);
const lines = Array.from({ length: EVENTS }, (_, i) => JSON.stringify(generateEvent(i + 1)));
const bytes = lines.reduce((n, l) => n + l.length + 1, 0);
const parsed = lines.map((l) => JSON.parse(l) as RuntimeEvent);

function parseOnly(): number {
  let check = 0;
  for (const line of lines) check += (JSON.parse(line) as RuntimeEvent).num;
  return check;
}

function parseAndEvaluate(): number {
  let alerts = 0;
  for (const line of lines) alerts += ruleset.evaluate(JSON.parse(line) as RuntimeEvent).length;
  return alerts;
}

function evaluateOnly(): number {
  let alerts = 0;
  for (const e of parsed) alerts += ruleset.evaluate(e).length;
  return alerts;
}

function time(fn: () => number): { ms: number; result: number } {
  const start = performance.now();
  const result = fn();
  return { ms: performance.now() - start, result };
}

// Warm up every path so each is measured optimised, then alternate rounds so drift affects all equally.
for (let i = 0; i < 2; i++) {
  parseOnly();
  parseAndEvaluate();
  evaluateOnly();
}
const parseTimes: number[] = [];
const pipelineTimes: number[] = [];
const evalTimes: number[] = [];
let alertCount = 0;
for (let r = 0; r < ROUNDS; r++) {
  parseTimes.push(time(parseOnly).ms);
  const p = time(parseAndEvaluate);
  pipelineTimes.push(p.ms);
  alertCount = p.result;
  evalTimes.push(time(evaluateOnly).ms);
}

const parseMs = median(parseTimes);
const pipelineMs = median(pipelineTimes);
const evalMs = median(evalTimes);
const perSecond = (ms: number) => Math.round((EVENTS / ms) * 1000).toLocaleString('en-US');
const ratio = parseMs / pipelineMs;
const evalRate = (EVENTS / evalMs) * 1000;

console.log(
  `rules: ${ruleset.rules.length} enabled (${loaded.rules.length} compiled from ${files.map((f) => f.file).join(', ')})`,
);
console.log(
  `events: ${EVENTS} (${(bytes / 1024 / 1024).toFixed(1)} MiB of JSON lines), ${alertCount} alerts per pass`,
);
console.log(`(a) JSON.parse only:        ${parseMs.toFixed(1)} ms  ${perSecond(parseMs)} events/s`);
console.log(`(b) parse + evaluate:       ${pipelineMs.toFixed(1)} ms  ${perSecond(pipelineMs)} events/s`);
console.log(`(c) evaluate only (1 core): ${evalMs.toFixed(1)} ms  ${perSecond(evalMs)} events/s`);
console.log(
  `pipeline ratio (a)/(b): ${ratio.toFixed(3)} (target >= 0.8) ${ratio >= 0.8 ? 'OK' : 'BELOW TARGET'}`,
);
console.log(
  `evaluation: ${Math.round(evalRate).toLocaleString('en-US')} events/s/core (target >= 1,000,000) ${evalRate >= 1e6 ? 'OK' : 'BELOW TARGET'}`,
);
