import { describe, expect, it } from 'vitest';
import { buildResult } from '../../test/support/build-assessment.js';
import type { CheckResult, Subject } from '../core/result/check-result.js';
import type { Severity } from '../core/result/severity.js';
import { compareResults, sortResults } from './order.js';

function result(severity: Severity, checkId: string, cisId: string | undefined, name: string): CheckResult {
  const subject: Subject = { kind: 'container', id: `id-${name}`, name };
  return buildResult({
    checkId,
    status: 'fail',
    severity,
    subject,
    ...(cisId === undefined ? {} : { cisId }),
  });
}

const key = (r: CheckResult) => `${r.severity} ${r.checkId} ${r.cisId ?? '-'} ${r.subject.name}`;

describe('compareResults', () => {
  it.each`
    first                                        | second                                    | why
    ${result('critical', 'z-check', '5.5', 'a')} | ${result('high', 'a-check', '5.5', 'a')}  | ${'more severe first'}
    ${result('low', 'a-check', '9.9', 'z')}      | ${result('low', 'b-check', '1.1', 'a')}   | ${'then by check id'}
    ${result('low', 'same', '5.9', 'a')}         | ${result('low', 'same', '5.10', 'a')}     | ${'CIS ids compare numerically'}
    ${result('low', 'same', '1.1.2', 'a')}       | ${result('low', 'same', '1.1.10', 'a')}   | ${'at every level'}
    ${result('low', 'same', undefined, 'a')}     | ${result('low', 'same', '1.1', 'a')}      | ${'no CIS id before any'}
    ${result('low', 'same', '5.5', 'web-2')}     | ${result('low', 'same', '5.5', 'web-10')} | ${'subject names numerically'}
    ${result('info', 'Z-upper', '5.5', 'a')}     | ${result('info', 'a-lower', '5.5', 'a')}  | ${'check ids by code point, not locale'}
  `('$why', ({ first, second }: { first: CheckResult; second: CheckResult }) => {
    expect(compareResults(first, second)).toBeLessThan(0);
    expect(compareResults(second, first)).toBeGreaterThan(0);
  });

  it('breaks ties by subject id and evidence, so equal-looking results still have one order', () => {
    const a = { ...result('low', 'x', '5.5', 'web'), evidence: 'a' };
    const b = { ...result('low', 'x', '5.5', 'web'), evidence: 'b' };
    expect(compareResults(a, b)).toBeLessThan(0);
    expect(compareResults(a, { ...a })).toBe(0);
  });
});

describe('sortResults', () => {
  const items = [
    result('low', 'resource-limits-memory', '5.11', 'web-10'),
    result('critical', 'container-privileged', '5.5', 'priv'),
    result('low', 'resource-limits-memory', '5.11', 'web-2'),
    result('medium', 'daemon-config-file-permissions', '3.10', 'host'),
    result('medium', 'daemon-config-file-permissions', '3.9', 'host'),
    result('high', 'container-host-network', '5.10', 'web'),
  ];

  it('gives the same order whatever the input order', () => {
    const expected = [
      'critical container-privileged 5.5 priv',
      'high container-host-network 5.10 web',
      'medium daemon-config-file-permissions 3.9 host',
      'medium daemon-config-file-permissions 3.10 host',
      'low resource-limits-memory 5.11 web-2',
      'low resource-limits-memory 5.11 web-10',
    ];
    expect(sortResults(items).map(key)).toEqual(expected);
    expect(sortResults([...items].reverse()).map(key)).toEqual(expected);
  });

  it('returns a copy and leaves its input as it was', () => {
    const before = items.map(key);
    sortResults(items);
    expect(items.map(key)).toEqual(before);
  });
});
