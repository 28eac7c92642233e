import { describe, expect, it } from 'vitest';
import { deb } from './deb.js';
import { parseVersionVectors, readVersionVectors } from './version-scheme.contract.js';
import { compareDecimal, compareVersions } from './version-scheme.js';

describe('compareDecimal', () => {
  it.each`
    a                            | b                         | expected
    ${'7'}                       | ${'007'}                  | ${0}
    ${''}                        | ${'0'}                    | ${0}
    ${'9'}                       | ${'10'}                   | ${-1}
    ${'18446744073709551616'}    | ${'18446744073709551615'} | ${1}
    ${'00018446744073709551615'} | ${'18446744073709551616'} | ${-1}
  `('$a vs $b is $expected', ({ a, b, expected }) => {
    expect(compareDecimal(a, b)).toBe(expected);
  });
});

describe('compareVersions', () => {
  it('orders two versions of the scheme', () => {
    expect(compareVersions(deb, '1.0-1', '1.0-2')).toBe(-1);
  });

  it('is undefined when either side does not parse, whichever side it is', () => {
    expect(compareVersions(deb, 'latest', '1.0')).toBeUndefined();
    expect(compareVersions(deb, '1.0', 'latest')).toBeUndefined();
  });
});

describe('version vector files', () => {
  it('reads comments, the header and rows', () => {
    const text = '# source\na\tb\texpected\n# section\n1.0\t2.0\t-1\n2.0\t1.0\t1\n\n1\t1.0\t0\n';
    expect(parseVersionVectors(text, 'x.tsv')).toEqual([
      { a: '1.0', b: '2.0', expected: -1, line: 4 },
      { a: '2.0', b: '1.0', expected: 1, line: 5 },
      { a: '1', b: '1.0', expected: 0, line: 7 },
    ]);
  });

  it.each`
    text                                   | message
    ${'1.0\t2.0\t-1\n'}                    | ${/x\.tsv:1: expected the header/}
    ${'# only comments\n'}                 | ${/x\.tsv: no header line/}
    ${'a\tb\texpected\n1.0\t2.0\n'}        | ${/x\.tsv:2: expected "a<TAB>b<TAB>-1\|0\|1"/}
    ${'a\tb\texpected\n1.0\t2.0\t2\n'}     | ${/x\.tsv:2:/}
    ${'a\tb\texpected\n1.0 2.0 -1\n'}      | ${/x\.tsv:2:/}
    ${'a\tb\texpected\n\t2.0\t-1\n'}       | ${/x\.tsv:2:/}
    ${'a\tb\texpected\n1\t2\t-1\textra\n'} | ${/x\.tsv:2:/}
  `('refuses a damaged file with an error naming it and the line ($message)', ({ text, message }) => {
    expect(() => parseVersionVectors(text, 'x.tsv')).toThrow(message);
  });

  it('names the path when a vector file is missing', () => {
    expect(() => readVersionVectors('no-such-file.tsv')).toThrow(
      /cannot read version vectors .*no-such-file\.tsv/,
    );
  });

  it.each([
    ['dpkg.tsv', 62],
    ['apk.tsv', 738],
    ['rpm.tsv', 91],
    ['pep440.tsv', 375],
  ])('finds every row of %s', (file, rows) => {
    expect(readVersionVectors(file)).toHaveLength(rows);
  });
});
