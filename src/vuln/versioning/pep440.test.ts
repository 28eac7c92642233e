import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pypi } from './pep440.js';
import {
  describeVersionSchemeContract,
  readVersionVectors,
  versionFromPieces,
} from './version-scheme.contract.js';
import { compareVersions } from './version-scheme.js';

describe('PEP 440 versions', () => {
  it.each(readVersionVectors('pep440.tsv'))(
    'pep440.tsv line $line: $a vs $b is $expected',
    ({ a, b, expected }) => {
      expect(compareVersions(pypi, a, b)).toBe(expected);
    },
  );

  it('normalizes every part', () => {
    expect(pypi.parse(' V2!01.002.0-Preview_07.r-3_DEV-009+Ubuntu-01.x ')).toEqual({
      epoch: '2',
      release: ['1', '2', '0'],
      pre: { label: 'rc', number: '7' },
      post: '3',
      dev: '9',
      local: [
        { isNumber: false, text: 'ubuntu' },
        { isNumber: true, text: '1' },
        { isNumber: false, text: 'x' },
      ],
    });
  });

  it.each`
    a                 | b                  | rule
    ${'1.0a1'}        | ${'1.0.0-alpha.1'} | ${'implicit pre-release spellings'}
    ${'1.0-1'}        | ${'1.0.post1'}     | ${'an implicit post release'}
    ${'1.0.post'}     | ${'1.0.post0'}     | ${'a missing number is 0'}
    ${'1.0-r1'}       | ${'1.0.post1'}     | ${'r and rev mean post'}
    ${'1.0c1'}        | ${'1.0rc1'}        | ${'c means rc'}
    ${'1.0.DEV1'}     | ${'1.0.dev1'}      | ${'case-insensitive'}
    ${'v1.0'}         | ${'1.0'}           | ${'a leading v'}
    ${'1.0_a_1'}      | ${'1.0a1'}         | ${'underscore separators'}
    ${'0!1.0'}        | ${'1.0'}           | ${'epoch 0 is the default'}
    ${'1.0+Ubuntu.1'} | ${'1.0+ubuntu-1'}  | ${'local separators and case'}
    ${'1.0+01'}       | ${'1.0+1'}         | ${'local numbers compare as numbers'}
    ${'1.0.0.0'}      | ${'1'}             | ${'trailing zeros do not count'}
  `('$a equals $b ($rule)', ({ a, b }) => {
    expect(compareVersions(pypi, a, b)).toBe(0);
  });

  /** Ascending: each entry sorts before the next. */
  const ORDER = [
    '1.0.dev1',
    '1.0a1.dev1',
    '1.0a1',
    '1.0a1.post1.dev1',
    '1.0a1.post1',
    '1.0b1',
    '1.0rc1',
    '1.0',
    '1.0+abc',
    '1.0+abc.1',
    '1.0+1',
    '1.0.post1.dev1',
    '1.0.post1',
    '1.0.1',
    '1.1.dev1',
    '2.0',
    '1!0.1',
  ];
  it.each(ORDER.slice(1).map((b, i) => [ORDER[i] as string, b]))('%s < %s', (a, b) => {
    expect(compareVersions(pypi, a, b)).toBe(-1);
    expect(compareVersions(pypi, b, a)).toBe(1);
  });

  it.each([
    '1.0.',
    '.1.0',
    '1..0',
    '1.0+',
    '1.0+a..b',
    '1.0+é',
    '1.0-',
    '1.0a1a2',
    '1.0 a1',
    '1.0.post1.post2',
    'vv1.0',
    '1.0-dev-1-',
    'french toast',
    '1.0-1-1',
    '١.٠',
  ])('refuses %j', (raw) => {
    expect(pypi.parse(raw)).toBeUndefined();
  });

  it('answers quickly on a long near-miss within the bound (no catastrophic backtracking)', () => {
    const started = performance.now();
    for (let i = 0; i < 100; i++) pypi.parse(`${'1.'.repeat(120)}1-_.x`);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describeVersionSchemeContract(
  pypi,
  fc
    .tuple(
      fc.constantFrom('', '', 'v', '1!', '0!'),
      fc.constantFrom('0', '1', '2', '10', '01'),
      versionFromPieces(['.0', '.1', '.2', '.00'], 3, 0),
      fc.constantFrom('', '', 'a', 'a1', 'b2', 'rc1', '.pre', '-alpha-2', 'c1'),
      fc.constantFrom('', '', '.post1', '-1', 'post', '.r2', '-rev'),
      fc.constantFrom('', '', '.dev', '.dev1', 'dev2'),
      fc.constantFrom('', '', '+abc', '+1', '+abc.1', '+ABC-2', '+1.abc', '+01'),
    )
    .map((parts) => parts.join('')),
);
