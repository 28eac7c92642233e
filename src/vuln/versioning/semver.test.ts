import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { npm, parseSemver } from './semver.js';
import { describeVersionSchemeContract, versionFromPieces } from './version-scheme.contract.js';
import { compareVersions } from './version-scheme.js';

/** semver.org §11: each entry sorts before the next. */
const SPEC_ORDER = [
  '1.0.0-alpha',
  '1.0.0-alpha.1',
  '1.0.0-alpha.beta',
  '1.0.0-beta',
  '1.0.0-beta.2',
  '1.0.0-beta.11',
  '1.0.0-rc.1',
  '1.0.0',
  '2.0.0',
  '2.1.0',
  '2.1.1',
];

const adjacentPairs = (list: readonly string[]) =>
  list.slice(1).map((b, i) => [list[i] as string, b] as const);

describe('semver 2.0.0', () => {
  it.each(adjacentPairs(SPEC_ORDER))('%s < %s (semver.org §11)', (a, b) => {
    expect(compareVersions(npm, a, b)).toBe(-1);
    expect(compareVersions(npm, b, a)).toBe(1);
  });

  it.each`
    a                             | b                             | expected | rule
    ${'1.0.0+build.1'}            | ${'1.0.0+build.2'}            | ${0}     | ${'build metadata is ignored'}
    ${'1.0.0-rc.1+b'}             | ${'1.0.0-rc.1'}               | ${0}     | ${'also after a prerelease'}
    ${'1.0.0-1'}                  | ${'1.0.0-a'}                  | ${-1}    | ${'numeric identifiers sort before alphanumeric ones'}
    ${'1.0.0-2'}                  | ${'1.0.0-10'}                 | ${-1}    | ${'numeric identifiers compare as numbers'}
    ${'1.0.0-a10'}                | ${'1.0.0-a2'}                 | ${-1}    | ${'alphanumeric identifiers compare in ASCII order'}
    ${'1.0.0-Z'}                  | ${'1.0.0-a'}                  | ${-1}    | ${'uppercase before lowercase in ASCII'}
    ${'1.0.0--'}                  | ${'1.0.0-0'}                  | ${1}     | ${'a hyphen-only identifier is alphanumeric'}
    ${'1.0.0-0a'}                 | ${'1.0.0-1'}                  | ${1}     | ${'digits then a letter are alphanumeric'}
    ${'10.0.0'}                   | ${'9.0.0'}                    | ${1}     | ${'core numbers compare as numbers'}
    ${'1.0.0-x.9007199254740993'} | ${'1.0.0-x.9007199254740992'} | ${1}     | ${'prerelease numbers beyond 2^53 stay exact'}
    ${'v1.2.3'}                   | ${'1.2.3'}                    | ${0}     | ${'npm tolerates a leading v'}
    ${'=1.2.3'}                   | ${'1.2.3'}                    | ${0}     | ${'and a leading ='}
    ${'=v1.2.3'}                  | ${'1.2.3'}                    | ${0}     | ${'and both, as semver.clean does'}
    ${' 1.2.3\n'}                 | ${'1.2.3'}                    | ${0}     | ${'and surrounding whitespace'}
  `('$a vs $b is $expected ($rule)', ({ a, b, expected }) => {
    expect(compareVersions(npm, a, b)).toBe(expected);
  });

  it('parses into numbers, prerelease and build', () => {
    expect(parseSemver('1.20.300-rc.1.x-y+build.007')).toEqual({
      major: '1',
      minor: '20',
      patch: '300',
      prerelease: ['rc', '1', 'x-y'],
      build: ['build', '007'],
    });
  });

  it.each`
    raw                       | why
    ${'1.2'}                  | ${'two numbers'}
    ${'1.2.3.4'}              | ${'four numbers'}
    ${'01.2.3'}               | ${'leading zero in the core'}
    ${'1.2.3-01'}             | ${'leading zero in a numeric prerelease identifier'}
    ${'1.2.3-'}               | ${'empty prerelease'}
    ${'1.2.3-a..b'}           | ${'empty prerelease identifier'}
    ${'1.2.3+'}               | ${'empty build'}
    ${'1.2.3+a_b'}            | ${'underscore in build'}
    ${'1.2.3-é'}              | ${'non-ASCII identifier'}
    ${'v 1.2.3'}              | ${'space after the prefix'}
    ${'1.2.3 - 2.0.0'}        | ${'a range, not a version'}
    ${'^1.2.3'}               | ${'a range operator'}
    ${'1.x'}                  | ${'an x-range'}
    ${'9007199254740992.0.0'} | ${'a core number beyond npm’s safe integers'}
  `('npm refuses $raw ($why)', ({ raw }) => {
    expect(npm.parse(raw)).toBeUndefined();
  });

  it('keeps a leading zero in build metadata, which semver allows', () => {
    expect(npm.parse('1.0.0+001')?.build).toEqual(['001']);
  });

  it('accepts a version at the length bound and refuses one past it', () => {
    expect(npm.parse(`1.0.0-${'a'.repeat(250)}`)).toBeDefined();
    expect(npm.parse(`1.0.0-${'a'.repeat(251)}`)).toBeUndefined();
  });
});

describeVersionSchemeContract(
  npm,
  fc
    .tuple(
      fc.constantFrom('', 'v', '='),
      fc.constantFrom('0', '1', '2', '10'),
      fc.constantFrom('.0', '.1', '.10'),
      fc.constantFrom('.0', '.1', '.2', '.01'),
      fc.option(
        fc
          .array(fc.constantFrom('alpha', 'beta', 'rc', '0', '1', '2', '11', '01', 'a1', '-', 'Z'), {
            minLength: 1,
            maxLength: 4,
          })
          .map((identifiers) => identifiers.join('.')),
      ),
      fc.option(versionFromPieces(['b', '1', '.1', '001'], 3)),
    )
    .map(([prefix, major, minor, patch, prerelease, build]) =>
      [
        prefix,
        major,
        minor,
        patch,
        prerelease === null ? '' : `-${prerelease}`,
        build === null ? '' : `+${build}`,
      ].join(''),
    ),
);
