import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rpm } from './rpm.js';
import {
  describeVersionSchemeContract,
  readVersionVectors,
  versionFromPieces,
} from './version-scheme.contract.js';
import { compareVersions } from './version-scheme.js';

describe('rpm versions', () => {
  it.each(readVersionVectors('rpm.tsv'))(
    'rpm.tsv line $line: $a vs $b is $expected',
    ({ a, b, expected }) => {
      expect(compareVersions(rpm, a, b)).toBe(expected);
    },
  );

  it.each`
    raw                      | epoch  | version           | release
    ${'1.0'}                 | ${'0'} | ${'1.0'}          | ${undefined}
    ${'1.0-1.el9'}           | ${'0'} | ${'1.0'}          | ${'1.el9'}
    ${'2:1.0-1.el9_3.1'}     | ${'2'} | ${'1.0'}          | ${'1.el9_3.1'}
    ${'1.0~rc1^git2-3.fc40'} | ${'0'} | ${'1.0~rc1^git2'} | ${'3.fc40'}
  `('parses $raw', ({ raw, epoch, version, release }) => {
    expect(rpm.parse(raw)).toEqual({ epoch, version, release });
  });

  it.each`
    raw             | why
    ${'1.0-'}       | ${'empty release'}
    ${'-1'}         | ${'empty version'}
    ${':1.0'}       | ${'empty epoch'}
    ${'x:1.0'}      | ${'epoch is not a number'}
    ${'1:2:3'}      | ${'colon inside the version'}
    ${'3.1-a-b'}    | ${'hyphen inside the version'}
    ${'1.0 1'}      | ${'space'}
    ${'1.0/1'}      | ${'a character rpmbuild refuses'}
    ${'%{version}'} | ${'an unexpanded macro'}
    ${'1.0é'}       | ${'non-ASCII letter'}
  `('refuses $raw ($why)', ({ raw }) => {
    expect(rpm.parse(raw)).toBeUndefined();
  });

  it.each`
    a                             | b                              | expected | rule
    ${'1:1.0'}                    | ${'2.0'}                       | ${1}     | ${'the epoch decides first'}
    ${'0:2.0'}                    | ${'2.0'}                       | ${0}     | ${'an absent epoch is 0'}
    ${'10:1'}                     | ${'9:2'}                       | ${1}     | ${'epochs compare as numbers'}
    ${'1.0-2'}                    | ${'1.0-10'}                    | ${-1}    | ${'then the release, with rpmvercmp'}
    ${'1.0-1.el9'}                | ${'1.0-1.el9_3'}               | ${-1}    | ${'a longer release wins'}
    ${'1.0.1-1'}                  | ${'1.0-9'}                     | ${1}     | ${'the version decides before the release'}
    ${'1.0'}                      | ${'1.0-1'}                     | ${-1}    | ${'an absent release sorts first (a total order; see rpm.ts)'}
    ${'1.0~rc1-5'}                | ${'1.0-1'}                     | ${-1}    | ${'tilde in the version'}
    ${'1.0-1~bp1'}                | ${'1.0-1'}                     | ${-1}    | ${'tilde in the release'}
    ${'1.0-99999999999999999999'} | ${'1.0-100000000000000000000'} | ${-1}    | ${'numbers of any length'}
  `('$a vs $b is $expected ($rule)', ({ a, b, expected }) => {
    expect(compareVersions(rpm, a, b)).toBe(expected);
  });
});

describeVersionSchemeContract(
  rpm,
  fc
    .tuple(
      fc.constantFrom('', '0:', '1:', '2:'),
      versionFromPieces(['0', '1', '2', '10', '01', '.', '_', '+', '~', '^', 'a', 'b', 'rc', 'git'], 8),
      fc.option(versionFromPieces(['1', '2', '.', 'el9', '_', '~', '^', 'fc40'], 4), { nil: undefined }),
    )
    .map(([epoch, version, release]) => `${epoch}${version}${release === undefined ? '' : `-${release}`}`),
);
