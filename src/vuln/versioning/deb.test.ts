import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deb } from './deb.js';
import {
  describeVersionSchemeContract,
  readVersionVectors,
  versionFromPieces,
} from './version-scheme.contract.js';
import { compareVersions } from './version-scheme.js';

describe('deb versions', () => {
  it.each(readVersionVectors('dpkg.tsv'))(
    'dpkg.tsv line $line: $a vs $b is $expected',
    ({ a, b, expected }) => {
      expect(compareVersions(deb, a, b)).toBe(expected);
    },
  );

  it.each`
    raw                     | epoch         | upstream       | revision
    ${'1.0'}                | ${0}          | ${'1.0'}       | ${''}
    ${'1:2.36-9+deb12u7'}   | ${1}          | ${'2.36'}      | ${'9+deb12u7'}
    ${'2.2~rc-4'}           | ${0}          | ${'2.2~rc'}    | ${'4'}
    ${'1.2-3-4'}            | ${0}          | ${'1.2-3'}     | ${'4'}
    ${'0:1.0+dfsg1-1~bpo1'} | ${0}          | ${'1.0+dfsg1'} | ${'1~bpo1'}
    ${'2147483647:1'}       | ${2147483647} | ${'1'}         | ${''}
  `('parses $raw', ({ raw, epoch, upstream, revision }) => {
    expect(deb.parse(raw)).toEqual({ epoch, upstream, revision });
  });

  it.each`
    raw               | why
    ${'latest'}       | ${'upstream does not start with a digit'}
    ${':1.0'}         | ${'empty epoch'}
    ${'a:1.0'}        | ${'epoch is not a number'}
    ${'-1:1.0'}       | ${'negative epoch'}
    ${'2147483648:1'} | ${'epoch larger than dpkg accepts'}
    ${'1:'}           | ${'nothing after the colon'}
    ${'1.0-'}         | ${'empty revision'}
    ${'-1'}           | ${'empty upstream version'}
    ${'1:2:3'}        | ${'colon inside the upstream version'}
    ${'1.0-1:2'}      | ${'colon inside the revision'}
    ${'1.0-a_b'}      | ${'underscore in the revision'}
    ${'1.0 1'}        | ${'embedded space'}
    ${' 1.0'}         | ${'leading space'}
    ${'1.0é'}         | ${'non-ASCII letter'}
  `('refuses $raw ($why)', ({ raw }) => {
    expect(deb.parse(raw)).toBeUndefined();
  });

  it.each`
    a                             | b                              | expected
    ${'1.0~~'}                    | ${'1.0~~a'}                    | ${-1}
    ${'1.0~'}                     | ${'1.0'}                       | ${-1}
    ${'1.0'}                      | ${'1.0a'}                      | ${-1}
    ${'1.0a'}                     | ${'1.0+'}                      | ${-1}
    ${'1.0+'}                     | ${'1.0.'}                      | ${-1}
    ${'1.0-1'}                    | ${'1.0-1~'}                    | ${1}
    ${'1.0'}                      | ${'1.0-0'}                     | ${0}
    ${'9.0'}                      | ${'1:0.1'}                     | ${-1}
    ${'1.0-99999999999999999999'} | ${'1.0-100000000000000000000'} | ${-1}
    ${'1.0-007'}                  | ${'1.0-7'}                     | ${0}
  `('orders $a vs $b as $expected (deb-version(7) rules)', ({ a, b, expected }) => {
    expect(compareVersions(deb, a, b)).toBe(expected);
  });

  it('accepts a version at the length bound and refuses one past it', () => {
    expect(deb.parse(`1.${'0'.repeat(254)}`)).toBeDefined();
    expect(deb.parse(`1.${'0'.repeat(255)}`)).toBeUndefined();
  });
});

describeVersionSchemeContract(
  deb,
  fc
    .tuple(
      fc.constantFrom('', '0:', '1:', '2:'),
      fc.constantFrom('0', '1', '2', '10', '01'),
      versionFromPieces(['0', '1', '2', '10', '01', '.', '+', '~', '-', 'a', 'b', 'rc', 'dfsg'], 6, 0),
      fc.constantFrom('', '-0', '-1', '-2', '-1~deb12u1', '-1+deb12u1', '-1+b1', '-1~', '-a', '-01'),
    )
    .map((parts) => parts.join('')),
);
