import { describe, expect, it } from 'vitest';
import { parseDaemonFlags, parseGoBool, parseUlimit } from './daemon-flags.js';

const parse = (...args: string[]) => parseDaemonFlags(['dockerd', ...args]);

describe('parseDaemonFlags', () => {
  it.each`
    args                                              | key                        | value
    ${['--icc=false']}                                | ${'icc'}                   | ${false}
    ${['--icc']}                                      | ${'icc'}                   | ${true}
    ${['--userland-proxy=false']}                     | ${'userland-proxy'}        | ${false}
    ${['--no-new-privileges']}                        | ${'no-new-privileges'}     | ${true}
    ${['--live-restore']}                             | ${'live-restore'}          | ${true}
    ${['--tlsverify']}                                | ${'tlsverify'}             | ${true}
    ${['--experimental=true']}                        | ${'experimental'}          | ${true}
    ${['--iptables=0']}                               | ${'iptables'}              | ${false}
    ${['--selinux-enabled']}                          | ${'selinux-enabled'}       | ${true}
    ${['-D']}                                         | ${'debug'}                 | ${true}
    ${['--log-level', 'info']}                        | ${'log-level'}             | ${'info'}
    ${['--log-level=debug']}                          | ${'log-level'}             | ${'debug'}
    ${['-l', 'warn']}                                 | ${'log-level'}             | ${'warn'}
    ${['--userns-remap', 'default']}                  | ${'userns-remap'}          | ${'default'}
    ${['--seccomp-profile=/etc/docker/seccomp.json']} | ${'seccomp-profile'}       | ${'/etc/docker/seccomp.json'}
    ${['--log-driver', 'syslog']}                     | ${'log-driver'}            | ${'syslog'}
    ${['--storage-driver=overlay2']}                  | ${'storage-driver'}        | ${'overlay2'}
    ${['-s', 'overlay2']}                             | ${'storage-driver'}        | ${'overlay2'}
    ${['--cgroup-parent', '/docker']}                 | ${'cgroup-parent'}         | ${'/docker'}
    ${['--data-root', '/srv/docker']}                 | ${'data-root'}             | ${'/srv/docker'}
    ${['-g', '/srv/docker']}                          | ${'data-root'}             | ${'/srv/docker'}
    ${['--tlscacert', '/etc/docker/ca.pem']}          | ${'tlscacert'}             | ${'/etc/docker/ca.pem'}
    ${['--authorization-plugin=authz-broker']}        | ${'authorization-plugins'} | ${['authz-broker']}
    ${['-H', 'fd://']}                                | ${'hosts'}                 | ${['fd://']}
    ${['-Hunix:///run/docker.sock']}                  | ${'hosts'}                 | ${['unix:///run/docker.sock']}
    ${['-H=tcp://0.0.0.0:2376']}                      | ${'hosts'}                 | ${['tcp://0.0.0.0:2376']}
    ${['--insecure-registry', 'a:5000']}              | ${'insecure-registries'}   | ${['a:5000']}
    ${['--unknown-flag=x']}                           | ${'unknown-flag'}          | ${'x'}
    ${['--unknown-flag', 'x']}                        | ${'unknown-flag'}          | ${'x'}
    ${['--unknown-switch']}                           | ${'unknown-switch'}        | ${true}
  `('$args sets $key', ({ args, key, value }: { args: string[]; key: string; value: unknown }) => {
    const result = parse(...args);
    expect(result.errors).toEqual([]);
    expect(result.options[key]).toEqual(value);
  });

  it('collects repeated flags in order', () => {
    const result = parse(
      '--insecure-registry=a:5000',
      '--insecure-registry',
      'b:5000',
      '-H',
      'fd://',
      '--host=tcp://127.0.0.1:2375',
    );
    expect(result.options['insecure-registries']).toEqual(['a:5000', 'b:5000']);
    expect(result.options.hosts).toEqual(['fd://', 'tcp://127.0.0.1:2375']);
  });

  it('turns --log-opt and --default-ulimit into the daemon.json objects', () => {
    const result = parse(
      '--log-opt',
      'max-size=10m',
      '--log-opt=max-file=3',
      '--default-ulimit',
      'nofile=1024:2048',
      '--default-ulimit=nproc=512',
    );
    expect(result.errors).toEqual([]);
    expect(result.options['log-opts']).toEqual({ 'max-size': '10m', 'max-file': '3' });
    expect(result.options['default-ulimits']).toEqual({
      nofile: { Name: 'nofile', Soft: 1024, Hard: 2048 },
      nproc: { Name: 'nproc', Soft: 512, Hard: 512 },
    });
  });

  it('does not let a boolean flag swallow the next word', () => {
    const result = parse('--icc', '--log-level', 'error');
    expect(result.options).toEqual({ icc: true, 'log-level': 'error' });
  });

  it('reports --config-file separately, not as an option', () => {
    const result = parse('--config-file', '/srv/daemon.json', '--live-restore');
    expect(result.configFile).toBe('/srv/daemon.json');
    expect(result.options).toEqual({ 'live-restore': true });
  });

  it('reports bad input instead of guessing', () => {
    const result = parse(
      '--icc=maybe',
      '--log-level',
      '--log-opt',
      'nonsense',
      '--default-ulimit=bad',
      'stray',
    );
    expect(result.options.icc).toBeUndefined();
    expect(result.errors).toEqual([
      'dockerd flag --icc has a value that is not a boolean: maybe',
      'dockerd flag --log-level has no value',
      'dockerd flag --log-opt expects key=value, got "nonsense"',
      'dockerd flag --default-ulimit expects name=soft[:hard], got "bad"',
      'dockerd argument "stray" is not a flag',
    ]);
  });

  it('reads a bare `dockerd` as no options', () => {
    expect(parseDaemonFlags(['dockerd'])).toEqual({ options: {}, errors: [] });
  });
});

describe('parseGoBool', () => {
  it.each([
    ['true', true],
    ['1', true],
    ['T', true],
    ['false', false],
    ['0', false],
    ['F', false],
    ['yes', undefined],
    ['', undefined],
  ])('%s → %s', (input, expected) => {
    expect(parseGoBool(input)).toBe(expected);
  });
});

describe('parseUlimit', () => {
  it.each([
    ['nofile=100:200', { Name: 'nofile', Soft: 100, Hard: 200 }],
    ['core=-1', { Name: 'core', Soft: -1, Hard: -1 }],
    ['nofile', undefined],
    ['nofile=a:b', undefined],
  ])('%s', (input, expected) => {
    expect(parseUlimit(input)).toEqual(expected);
  });
});
