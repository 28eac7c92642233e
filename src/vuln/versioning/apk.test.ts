import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apk } from './apk.js';
import {
  describeVersionSchemeContract,
  readVersionVectors,
  versionFromPieces,
} from './version-scheme.contract.js';
import { compareVersions } from './version-scheme.js';

describe('apk versions', () => {
  it.each(readVersionVectors('apk.tsv'))(
    'apk.tsv line $line: $a vs $b is $expected',
    ({ a, b, expected }) => {
      expect(compareVersions(apk, a, b)).toBe(expected);
    },
  );

  it.each`
    raw                           | kinds                                                                                                              | isValid
    ${'1.2.3'}                    | ${['initial', 'digit', 'digit']}                                                                                   | ${true}
    ${'1.0b_alpha2_p1~c0ffee-r3'} | ${['initial', 'digit', 'letter', 'suffix', 'suffix-number', 'suffix', 'suffix-number', 'commit-hash', 'revision']} | ${true}
    ${'1.0bc'}                    | ${['initial', 'digit', 'letter']}                                                                                  | ${false}
    ${'23_foo'}                   | ${['initial']}                                                                                                     | ${false}
    ${'1.0-r'}                    | ${['initial', 'digit']}                                                                                            | ${false}
    ${'1.0~'}                     | ${['initial', 'digit']}                                                                                            | ${false}
    ${'1.0~xyz'}                  | ${['initial', 'digit']}                                                                                            | ${false}
    ${'1._alpha'}                 | ${['initial']}                                                                                                     | ${false}
    ${'1.0-r1.2'}                 | ${['initial', 'digit', 'revision']}                                                                                | ${false}
    ${'1.0_none'}                 | ${['initial', 'digit']}                                                                                            | ${false}
    ${'1.0A'}                     | ${['initial', 'digit']}                                                                                            | ${false}
  `('tokenizes $raw', ({ raw, kinds, isValid }) => {
    const version = apk.parse(raw);
    expect(version?.tokens.map((t) => t.kind)).toEqual(kinds);
    expect(version?.isValid).toBe(isValid);
  });

  it.each(['latest', '_alpha', '-r1', 'v1.0', '1.0 ', ' 1.0', '1.0\t', '1.0é'])('refuses %j', (raw) => {
    expect(apk.parse(raw)).toBeUndefined();
  });

  it.each`
    a              | b             | expected | rule
    ${'1.0_alpha'} | ${'1.0_beta'} | ${-1}    | ${'alpha < beta'}
    ${'1.0_beta'}  | ${'1.0_pre'}  | ${-1}    | ${'beta < pre'}
    ${'1.0_pre'}   | ${'1.0_rc'}   | ${-1}    | ${'pre < rc'}
    ${'1.0_rc'}    | ${'1.0'}      | ${-1}    | ${'rc < no suffix'}
    ${'1.0'}       | ${'1.0_cvs'}  | ${-1}    | ${'no suffix < cvs'}
    ${'1.0_cvs'}   | ${'1.0_svn'}  | ${-1}    | ${'cvs < svn'}
    ${'1.0_svn'}   | ${'1.0_git'}  | ${-1}    | ${'svn < git'}
    ${'1.0_git'}   | ${'1.0_hg'}   | ${-1}    | ${'git < hg'}
    ${'1.0_hg'}    | ${'1.0_p'}    | ${-1}    | ${'hg < p'}
    ${'1.0_p'}     | ${'1.0.1'}    | ${-1}    | ${'a suffix sorts below a further number'}
    ${'1.0_rc1'}   | ${'1.0_rc'}   | ${1}     | ${'a suffix number counts'}
    ${'1.0'}       | ${'1.0a'}     | ${-1}    | ${'a letter after the digits sorts higher'}
    ${'1.0z'}      | ${'1.0.1'}    | ${-1}    | ${'a letter sorts below a further number'}
    ${'1.0-r1'}    | ${'1.0-r2'}   | ${-1}    | ${'revisions compare as numbers'}
    ${'1.0-r10'}   | ${'1.0-r9'}   | ${1}     | ${'revisions compare as numbers'}
    ${'1.0'}       | ${'1.0-r0'}   | ${-1}    | ${'an explicit -r0 sorts after none'}
    ${'1.02'}      | ${'1.1'}      | ${-1}    | ${'leading zero: string comparison'}
    ${'1.10'}      | ${'1.9'}      | ${1}     | ${'otherwise numeric'}
    ${'01.0'}      | ${'1.0'}      | ${0}     | ${'the first number is always numeric'}
    ${'1.0~abc'}   | ${'1.0~abd'}  | ${-1}    | ${'commit hashes compare as strings'}
    ${'1.0bc'}     | ${'1.0bd'}    | ${0}     | ${'apk ignores everything after an invalid token'}
    ${'1.0b'}      | ${'1.0bc'}    | ${1}     | ${'a broken tail sorts below the end of a valid version'}
  `('$a vs $b is $expected ($rule)', ({ a, b, expected }) => {
    expect(compareVersions(apk, a, b)).toBe(expected);
  });
});

describeVersionSchemeContract(
  apk,
  fc
    .tuple(
      fc.constantFrom('0', '1', '2', '10', '01'),
      versionFromPieces(['.0', '.1', '.2', '.10', '.01', '.001', 'a', 'b', 'z'], 4, 0),
      versionFromPieces(
        ['_alpha', '_beta', '_pre', '_rc', '_p', '_git', '_hg', '_cvs', '_svn', '1', '2', '10'],
        3,
        0,
      ),
      fc.constantFrom('', '~abc', '~0123', '~f'),
      fc.constantFrom('', '-r0', '-r1', '-r2', '-r10', '-r'),
      fc.constantFrom('', '', '', 'x', '.', 'Q'),
    )
    .map((parts) => parts.join('')),
);
