import { describe, expect, it } from 'vitest';
import { redactCommandLine, redactDaemonOptions } from './redact.js';

describe('redactCommandLine', () => {
  it.each([
    ['splunk-token=abc', 'splunk-token=<redacted>'],
    ['--log-opt=splunk-token=abc', '--log-opt=splunk-token=<redacted>'],
    ['awslogs-credentials-endpoint=x', 'awslogs-credentials-endpoint=<redacted>'],
    ['max-size=10m', 'max-size=10m'],
    ['--icc=false', '--icc=false'],
    ['fd://', 'fd://'],
  ])('%s → %s', (arg, expected) => {
    expect(redactCommandLine([arg])).toEqual([expected]);
  });
});

describe('redactDaemonOptions', () => {
  it('replaces secret log option values and leaves the rest', () => {
    expect(
      redactDaemonOptions({
        icc: false,
        'log-opts': { 'splunk-token': 't', 'splunk-url': 'u', 'gelf-password': 'p' },
      }),
    ).toEqual({
      icc: false,
      'log-opts': { 'splunk-token': '<redacted>', 'splunk-url': 'u', 'gelf-password': '<redacted>' },
    });
  });

  it('returns options without log-opts unchanged', () => {
    const options = { icc: false };
    expect(redactDaemonOptions(options)).toBe(options);
  });
});
