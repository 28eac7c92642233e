import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoastguardError } from '../core/errors.js';
import { loadConfig, MAX_CONFIG_BYTES, parseConfig } from './index.js';

const GOOD = `platform: ecs-fargate
frameworks: [pci-dss-4.0, fedramp-moderate]
waivers:
  - id: web-privileged
    check: container-privileged
    scope:
      container: web-*
      labels: { team: payments }
    justification: needs raw sockets for the load balancer health probe
    approver: ciso@example.com
    expires: 2026-12-31
  - control: pci-dss-4.0:2.2.1
    justification: compensating control documented in RISK-12
    approver: qsa-liaison@example.com
    expires: 2027-01-15T00:00:00Z
`;

function errorOf(text: string): CoastguardError {
  try {
    parseConfig(text, '/etc/cg/coastguard.yaml');
  } catch (err) {
    if (err instanceof CoastguardError) return err;
    throw err;
  }
  throw new Error('expected the configuration to be rejected');
}

describe('parseConfig', () => {
  it('reads platform, frameworks and waivers; a waiver without id is numbered, a control ref is split', () => {
    const { config } = parseConfig(GOOD, 'coastguard.yaml');
    expect(config.platform).toBe('ecs-fargate');
    expect(config.frameworks).toEqual(['pci-dss-4.0', 'fedramp-moderate']);
    expect(config.waivers[0]).toEqual({
      id: 'web-privileged',
      check: 'container-privileged',
      scope: { container: 'web-*', labels: { team: 'payments' } },
      justification: 'needs raw sockets for the load balancer health probe',
      approver: 'ciso@example.com',
      expires: '2026-12-31',
    });
    expect(config.waivers[1]).toMatchObject({
      id: 'waiver-2',
      control: { framework: 'pci-dss-4.0', id: '2.2.1' },
      scope: {},
      expires: '2027-01-15T00:00:00Z',
    });
  });

  it('an empty file is the defaults', () => {
    expect(parseConfig('', 'c.yaml').config).toEqual({
      frameworks: [],
      waivers: [],
      agent: {
        expectedImages: [],
        composeFiles: [],
        kubernetesManifests: [],
        baseline: { enabled: true, learnMinutes: 60 },
      },
    });
  });

  it('reads the agent, runbook and exporter sections, and names a bad value in them', () => {
    const config = parseConfig(
      [
        'agent: { expectedImages: [registry.local/*], baseline: { learnMinutes: 5 } }',
        'runbooks: { list: [{ name: hold, when: { minPriority: critical }, steps: [{ action: pause }] }] }',
        'exporters: { destinations: [{ name: a, kind: jsonl, path: /var/log/a.jsonl }] }',
      ].join('\n'),
      'c.yaml',
    ).config;
    expect(config.agent).toMatchObject({
      expectedImages: ['registry.local/*'],
      baseline: { enabled: true, learnMinutes: 5 },
    });
    expect(config.runbooks?.list[0]).toMatchObject({ name: 'hold', dryRun: true, cooldownSeconds: 300 });
    expect(config.exporters?.destinations[0]).toMatchObject({ name: 'a', kind: 'jsonl', enabled: true });
    expect(() => parseConfig('agent:\n  baseline: { learnMinutes: -1 }\n', 'c.yaml')).toThrow(
      /c\.yaml:2:\d+: agent\.baseline\.learnMinutes: /,
    );
  });

  it.each([
    ['a YAML syntax error', 'platform: [ec2\nwaivers: []\n', /coastguard\.yaml:\d+:\d+: invalid YAML/],
    ['an unknown platform, at the value', 'frameworks: []\nplatform: mainframe\n', /:2:11: platform: /],
    ['an unknown top-level key, at the key', 'platfrom: ec2\n', /:1:1: platfrom: /],
    [
      'a waiver without approver, at the waiver',
      'waivers:\n  - check: x\n    justification: j\n    expires: 2026-01-01\n',
      /:2:5: waivers\.0\.approver: /,
    ],
    [
      'a bad expiry, at the value',
      'waivers:\n  - check: x\n    justification: j\n    approver: a\n    expires: next year\n',
      /:5:14: waivers\.0\.expires: expected a date/,
    ],
    [
      'both check and control',
      'waivers:\n  - check: x\n    control: pci-dss-4.0:1.1\n    justification: j\n    approver: a\n    expires: 2026-01-01\n',
      /:2:5: waivers\.0: a waiver names exactly one of check or control/,
    ],
    [
      'a control without framework',
      'waivers:\n  - control: "2.2.1"\n    justification: j\n    approver: a\n    expires: 2026-01-01\n',
      /:2:14: waivers\.0\.control: expected FRAMEWORK:CONTROL/,
    ],
    ['a duplicate key', 'platform: ec2\nplatform: eks\n', /:2:1: invalid YAML/],
    ['a scalar document', 'just text\n', /:1:1: \(top level\)/],
  ])('rejects %s with file, line and column', (_name, text, expected) => {
    const err = errorOf(text);
    expect(err.code).toBe('BAD_INPUT');
    expect(err.exitCode).toBe(2);
    expect(err.message).toContain('/etc/cg/coastguard.yaml:');
    expect(err.message).toMatch(expected);
  });

  it('locates values for later messages', () => {
    const loaded = parseConfig(GOOD, 'c.yaml');
    expect(loaded.locate(['waivers', 1, 'control'])).toEqual({ file: 'c.yaml', line: 12, column: 14 });
  });
});

describe('loadConfig', () => {
  let dir: string;
  let cwd: string;
  let home: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cgtest-config-'));
    cwd = join(dir, 'project');
    home = join(dir, 'home');
    await mkdir(cwd);
    await mkdir(home);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('falls back to the defaults, then the home file, then the working directory file', async () => {
    expect((await loadConfig({ cwd, home })).file).toBeUndefined();
    await writeFile(join(home, 'coastguard.yaml'), 'platform: eks\n');
    expect(await loadConfig({ cwd, home })).toMatchObject({
      file: join(home, 'coastguard.yaml'),
      config: { platform: 'eks' },
    });
    await writeFile(join(cwd, 'coastguard.yaml'), 'platform: ec2\n');
    expect((await loadConfig({ cwd, home })).config.platform).toBe('ec2');
  });

  it('--config overrides both and must exist', async () => {
    await writeFile(join(dir, 'other.yaml'), 'platform: fargate\n');
    expect((await loadConfig({ explicit: '../other.yaml', cwd, home })).config.platform).toBe('fargate');
    await expect(loadConfig({ explicit: 'missing.yaml', cwd, home })).rejects.toThrow(
      /Cannot read the configuration .*missing\.yaml/,
    );
  });

  it('refuses a directory, an oversized file and an unreadable one, naming the file', async () => {
    await expect(loadConfig({ explicit: '.', cwd, home })).rejects.toThrow(/is not a regular file/);
    const big = join(dir, 'big.yaml');
    await writeFile(big, `# ${'x'.repeat(MAX_CONFIG_BYTES)}\n`);
    await expect(loadConfig({ explicit: big, cwd, home })).rejects.toThrow(
      /big\.yaml is \d+ bytes; the limit/,
    );
    if (process.getuid?.() !== 0) {
      const locked = join(dir, 'locked.yaml');
      await writeFile(locked, 'platform: ec2\n');
      await chmod(locked, 0o000);
      await expect(loadConfig({ explicit: locked, cwd, home })).rejects.toThrow(/locked\.yaml/);
    }
  });
});
