import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { go } from './go.js';
import { describeVersionSchemeContract, versionFromPieces } from './version-scheme.contract.js';
import { compareVersions } from './version-scheme.js';

/** Each entry sorts before the next: tags interleaved with the pseudo-versions go.dev/ref/mod derives from them. */
const MODULE_ORDER = [
  'v0.0.0-20190101000000-aaaaaaaaaaaa',
  'v0.0.0-20200101000000-000000000000',
  'v0.1.0',
  'v0.1.1-0.20200101000000-abcdefabcdef',
  'v0.1.1-0.20210101000000-000000000000',
  'v0.1.1',
  'v1.0.0-rc.1',
  'v1.0.0-rc.1.0.20220101000000-abcdefabcdef',
  'v1.0.0-rc.2',
  'v1.0.0',
  'v1.2.3',
  'v1.10.0',
  'v2.0.0-20230101000000-abcdefabcdef',
  'v2.0.0',
  'v2.0.1+incompatible',
];

const adjacentPairs = (list: readonly string[]) =>
  list.slice(1).map((b, i) => [list[i] as string, b] as const);

describe('go module versions', () => {
  it.each(adjacentPairs(MODULE_ORDER))('%s < %s', (a, b) => {
    expect(compareVersions(go, a, b)).toBe(-1);
    expect(compareVersions(go, b, a)).toBe(1);
  });

  it.each`
    a                                         | b                                       | expected | rule
    ${'v2.0.0+incompatible'}                  | ${'v2.0.0'}                             | ${0}     | ${'+incompatible is build metadata, ignored by the order'}
    ${'v1.0.0-20200101000000-abcdefabcdef'}   | ${'v1.0.0-20200101000000-000000000000'} | ${1}     | ${'same time: the hash decides, as text'}
    ${'v1.0.0-0.20200101000000-abcdefabcdef'} | ${'v1.0.0-alpha'}                       | ${-1}    | ${'a pseudo-version before any prerelease of the same core'}
    ${'v123456789012345678901.0.0'}           | ${'v9.0.0'}                             | ${1}     | ${'numbers of any length'}
  `('$a vs $b is $expected ($rule)', ({ a, b, expected }) => {
    expect(compareVersions(go, a, b)).toBe(expected);
  });

  it.each`
    raw                      | why
    ${'1.2.3'}               | ${'no v prefix'}
    ${'V1.2.3'}              | ${'capital V'}
    ${'v1.2'}                | ${'not canonical: go.mod requires all three numbers'}
    ${'v1'}                  | ${'not canonical'}
    ${'v01.2.3'}             | ${'leading zero'}
    ${'v1.2.3+build'}        | ${'build metadata other than +incompatible'}
    ${'v1.2.3+incompatible'} | ${'+incompatible below v2'}
    ${'v0.1.0+incompatible'} | ${'+incompatible below v2'}
    ${'=v1.2.3'}             | ${'npm spelling'}
    ${' v1.2.3'}             | ${'surrounding space'}
    ${'(devel)'}             | ${'the build info of a development build'}
  `('refuses $raw ($why)', ({ raw }) => {
    expect(go.parse(raw)).toBeUndefined();
  });

  it('accepts +incompatible from v2 on', () => {
    expect(go.parse('v3.1.0+incompatible')?.build).toEqual(['incompatible']);
  });
});

describeVersionSchemeContract(
  go,
  fc
    .tuple(
      fc.constantFrom('0', '1', '2', '10'),
      fc.constantFrom('.0', '.1', '.10'),
      fc.constantFrom('.0', '.1', '.2'),
      fc.option(
        fc.oneof(
          versionFromPieces(['rc', 'alpha', '.', '0', '1', '2'], 4),
          fc
            .tuple(
              fc.constantFrom('', '0.', 'rc.1.0.'),
              fc.constantFrom('20190101000000', '20200101000000', '20200101120000'),
              fc.constantFrom('-abcdefabcdef', '-000000000000'),
            )
            .map((parts) => parts.join('')),
        ),
      ),
      fc.constantFrom('', '', '+incompatible'),
    )
    .map(([major, minor, patch, prerelease, build]) =>
      ['v', major, minor, patch, prerelease === null ? '' : `-${prerelease}`, build].join(''),
    ),
);
