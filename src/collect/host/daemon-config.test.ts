import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collectDaemonConfiguration, mergeDaemonOptions } from './daemon-config.js';
import { parseCmdline } from './dockerd-process.js';

/** A fake /proc with the given processes (pid → comm and argv). */
async function makeProc(
  root: string,
  processes: Record<number, { comm: string; argv: string[] }>,
): Promise<string> {
  const proc = join(root, 'proc');
  await mkdir(proc, { recursive: true });
  await mkdir(join(proc, 'self'));
  for (const [pid, { comm, argv }] of Object.entries(processes)) {
    await mkdir(join(proc, pid));
    await writeFile(join(proc, pid, 'comm'), `${comm}\n`);
    await writeFile(join(proc, pid, 'cmdline'), `${argv.join('\0')}\0`);
  }
  return proc;
}

describe('collectDaemonConfiguration', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'cgtest-daemon-config-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('merges daemon.json with dockerd flags, flags winning, from the --config-file the daemon was given', async () => {
    const daemonJson = join(root, 'daemon.json');
    await writeFile(daemonJson, JSON.stringify({ icc: true, 'log-level': 'debug', 'live-restore': true }));
    const proc = await makeProc(root, {
      1: { comm: 'systemd', argv: ['/sbin/init'] },
      42: {
        comm: 'dockerd',
        argv: ['/usr/bin/dockerd', '--config-file', daemonJson, '--icc=false', '-H', 'fd://'],
      },
    });
    const config = await collectDaemonConfiguration(proc);
    expect(config.options).toEqual({
      icc: false,
      'log-level': 'debug',
      'live-restore': true,
      hosts: ['fd://'],
    });
    expect(config.configSources).toEqual({
      daemonJson,
      commandLine: ['/usr/bin/dockerd', '--config-file', daemonJson, '--icc=false', '-H', 'fd://'],
    });
    expect(config.configErrors).toEqual([]);
    expect(config.dockerdPid).toBe(42);
    expect(config.daemonJsonPath).toBe(daemonJson);
  });

  it('keeps going with the flags when daemon.json is malformed, and says so', async () => {
    const daemonJson = join(root, 'daemon.json');
    await writeFile(daemonJson, '{ "icc": ');
    const proc = await makeProc(root, {
      7: { comm: 'dockerd', argv: ['dockerd', `--config-file=${daemonJson}`, '--live-restore'] },
    });
    const config = await collectDaemonConfiguration(proc);
    expect(config.options).toEqual({ 'live-restore': true });
    expect(config.configSources.daemonJson).toBeUndefined();
    expect(config.configErrors).toHaveLength(1);
    expect(config.configErrors[0]).toContain(`${daemonJson}: invalid JSON`);
  });

  it('redacts secret log options from daemon.json', async () => {
    const daemonJson = join(root, 'daemon.json');
    await writeFile(
      daemonJson,
      JSON.stringify({ 'log-opts': { 'splunk-url': 'https://s', 'splunk-token': 'abc' } }),
    );
    const proc = await makeProc(root, {
      9: { comm: 'dockerd', argv: ['dockerd', '--config-file', daemonJson] },
    });
    const config = await collectDaemonConfiguration(proc);
    expect(config.options['log-opts']).toEqual({ 'splunk-url': 'https://s', 'splunk-token': '<redacted>' });
    expect(JSON.stringify(config)).not.toContain('abc');
  });

  it('redacts secret log options from the command line, in the options and the recorded argv', async () => {
    const proc = await makeProc(root, {
      9: { comm: 'dockerd', argv: ['dockerd', '--log-opt', 'splunk-token=xyz', '--log-opt=max-size=1m'] },
    });
    const config = await collectDaemonConfiguration(proc);
    expect(config.options['log-opts']).toEqual({ 'splunk-token': '<redacted>', 'max-size': '1m' });
    expect(config.configSources.commandLine).toEqual([
      'dockerd',
      '--log-opt',
      'splunk-token=<redacted>',
      '--log-opt=max-size=1m',
    ]);
    expect(JSON.stringify(config)).not.toContain('xyz');
  });

  it('reports that flags are unknown when no dockerd is visible', async () => {
    const proc = await makeProc(root, { 1: { comm: 'init', argv: ['/sbin/init'] } });
    const config = await collectDaemonConfiguration(proc);
    expect(config.configSources.commandLine).toBeUndefined();
    expect(config.configErrors.join('\n')).toContain('no dockerd process visible');
    expect(config.daemonJsonPath).toBe('/etc/docker/daemon.json');
  });

  it('reports an unreadable /proc instead of failing', async () => {
    const config = await collectDaemonConfiguration(join(root, 'no-proc'));
    expect(config.configErrors[0]).toMatch(/^cannot list processes in .*no-proc/);
  });
});

describe('mergeDaemonOptions', () => {
  it('lets the command line win key by key', () => {
    expect(mergeDaemonOptions({ icc: true, debug: true }, { icc: false })).toEqual({
      icc: false,
      debug: true,
    });
  });
});

describe('parseCmdline', () => {
  it.each([
    ['dockerd\0-H\0fd://\0', ['dockerd', '-H', 'fd://']],
    ['dockerd', ['dockerd']],
    ['', []],
    ['a\0\0b\0', ['a', '', 'b']],
  ])('%j', (raw, argv) => {
    expect(parseCmdline(raw)).toEqual(argv);
  });
});
