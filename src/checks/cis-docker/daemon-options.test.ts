import { describe, expect, it } from 'vitest';
import { makeDaemon } from '../../../test/support/snapshot.js';
import { decideBooleanOption, readOption, toBoolean, toStringList } from './daemon-options.js';

describe('readOption', () => {
  it('reads a set option', () => {
    expect(readOption(makeDaemon(), 'icc')).toEqual({ kind: 'set', value: false });
  });

  it('tells unset from unknown', () => {
    expect(readOption(makeDaemon({ options: { icc: undefined } }), 'icc')).toEqual({ kind: 'unset' });
    const unreadable = makeDaemon({
      options: { icc: undefined },
      configErrors: ['/etc/docker/daemon.json: bad JSON'],
    });
    expect(readOption(unreadable, 'icc')).toEqual({
      kind: 'unknown',
      reason: 'daemon configuration unreadable: /etc/docker/daemon.json: bad JSON',
    });
    const noFlags = makeDaemon({
      options: { icc: undefined },
      configSources: { daemonJson: '/etc/docker/daemon.json' },
    });
    expect(readOption(noFlags, 'icc').kind).toBe('unknown');
  });

  it('still reads an option that was found even when another source failed', () => {
    const daemon = makeDaemon({ configErrors: ['could not read /proc/1234/cmdline'] });
    expect(readOption(daemon, 'icc')).toEqual({ kind: 'set', value: false });
  });
});

describe('value conversions', () => {
  it.each`
    value       | expected
    ${true}     | ${true}
    ${'false'}  | ${false}
    ${' TRUE '} | ${true}
    ${'0'}      | ${false}
    ${'maybe'}  | ${undefined}
    ${['true']} | ${undefined}
  `('toBoolean($value) = $expected', ({ value, expected }) => {
    expect(toBoolean(value)).toBe(expected);
  });

  it('treats a single flag value and a list alike', () => {
    expect(toStringList('tcp://0.0.0.0:2375')).toEqual(['tcp://0.0.0.0:2375']);
    expect(toStringList(['a', 'b'])).toEqual(['a', 'b']);
    expect(toStringList(true)).toEqual([]);
  });
});

describe('decideBooleanOption', () => {
  it.each`
    options                 | status     | evidence
    ${{ icc: false }}       | ${'pass'}  | ${'icc=false'}
    ${{ icc: 'false' }}     | ${'pass'}  | ${'icc=false'}
    ${{ icc: true }}        | ${'fail'}  | ${'icc=true'}
    ${{ icc: undefined }}   | ${'fail'}  | ${'icc not set in daemon.json or dockerd flags (default true)'}
    ${{ icc: 'sometimes' }} | ${'error'} | ${'icc=sometimes is not a boolean'}
  `('icc expected false: $options → $status', ({ options, status, evidence }) => {
    expect(decideBooleanOption(makeDaemon({ options }), 'icc', false, true)).toEqual({ status, evidence });
  });
});
