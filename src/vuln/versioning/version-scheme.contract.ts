// The VersionScheme conformance suite: every scheme runs it with an arbitrary of version-like strings tailored
// to its grammar. Also reads the upstream ordering vectors in shared/fixtures/versions (see README.md there).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareVersions, MAX_VERSION_LENGTH, type Ordering, type VersionScheme } from './version-scheme.js';

/** shared/ sits beside the repository root (/work/main/../shared). */
export const VECTORS_DIR = resolve(import.meta.dirname, '../../..', '../shared/fixtures/versions');

export interface VersionVector {
  readonly a: string;
  readonly b: string;
  readonly expected: Ordering;
  /** 1-based line in the vector file, so a failing row can be found. */
  readonly line: number;
}

/**
 * Parses a vector file: `#` comments, then the header `a<TAB>b<TAB>expected`, then one comparison per line.
 * Throws an error naming `source` and the line on anything else, so a damaged fixture fails loudly.
 */
export function parseVersionVectors(text: string, source: string): VersionVector[] {
  const vectors: VersionVector[] = [];
  let hasHeader = false;
  for (const [index, line] of text.split('\n').entries()) {
    if (line === '' || line.startsWith('#')) continue;
    const fields = line.split('\t');
    if (!hasHeader) {
      if (line !== 'a\tb\texpected') {
        throw new Error(`${source}:${index + 1}: expected the header "a<TAB>b<TAB>expected", got "${line}"`);
      }
      hasHeader = true;
      continue;
    }
    const [a, b, expected] = fields;
    if (fields.length !== 3 || !a || !b || (expected !== '-1' && expected !== '0' && expected !== '1')) {
      throw new Error(`${source}:${index + 1}: expected "a<TAB>b<TAB>-1|0|1", got "${line}"`);
    }
    vectors.push({ a, b, expected: Number(expected) as Ordering, line: index + 1 });
  }
  if (!hasHeader) throw new Error(`${source}: no header line "a<TAB>b<TAB>expected"`);
  return vectors;
}

/** Reads one file of VECTORS_DIR, e.g. `dpkg.tsv`. */
export function readVersionVectors(file: string): VersionVector[] {
  const path = resolve(VECTORS_DIR, file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new Error(
      `cannot read version vectors ${path}: the shared fixtures must sit beside the repository`,
      {
        cause,
      },
    );
  }
  return parseVersionVectors(text, path);
}

/** Version-like strings: `minPieces` to `maxPieces` pieces of a scheme's grammar, joined in any order. */
export function versionFromPieces(
  pieces: readonly string[],
  maxPieces = 10,
  minPieces = 1,
): fc.Arbitrary<string> {
  return fc
    .array(fc.constantFrom(...pieces), { minLength: minPieces, maxLength: maxPieces })
    .map((p) => p.join(''));
}

/** Inputs that must be refused (not thrown on, not hung on): far over the length bound, in several shapes. */
const HOSTILE_LONG_INPUTS: readonly string[] = [
  '1'.repeat(100_000),
  '1.'.repeat(50_000),
  `v1.0.0-${'a.'.repeat(50_000)}`,
  `1:${'0'.repeat(100_000)}-1`,
  '~'.repeat(100_000),
  `1.0-${'-'.repeat(100_000)}`,
  `1${'_alpha'.repeat(20_000)}`,
  'a'.repeat(MAX_VERSION_LENGTH + 1),
  `1${'.1'.repeat(MAX_VERSION_LENGTH)}`,
];

const ODD_INPUTS: readonly string[] = [
  '',
  ' ',
  '\u0000',
  '1\u0000',
  '1.0\n',
  '\n1.0',
  '1 0',
  '\uD800',
  '1.\uDFFF',
  '١٢٣',
  '1.٠',
  '🐳',
  '1.0-🐳',
  'latest',
  'unknown',
  '*',
  '>=1.0',
];

function parseAll<V>(scheme: VersionScheme<V>, raws: readonly string[]): V[] {
  return raws.map((raw) => scheme.parse(raw)).filter((v): v is V => v !== undefined);
}

export function describeVersionSchemeContract<V>(
  scheme: VersionScheme<V>,
  arbitraryVersion: fc.Arbitrary<string>,
): void {
  describe(`VersionScheme contract (${scheme.ecosystem})`, () => {
    it('its version arbitrary mostly yields versions the scheme accepts (so the properties are not vacuous)', () => {
      const samples = fc.sample(arbitraryVersion, { numRuns: 400, seed: 42 });
      const accepted = parseAll(scheme, samples).length;
      expect(accepted).toBeGreaterThanOrEqual(samples.length / 2);
    });

    it('parse never throws on arbitrary strings', () => {
      fc.assert(
        fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (raw) => {
          scheme.parse(raw);
        }),
        { numRuns: 1000 },
      );
    });

    it('parse never throws on versions with odd characters spliced in', () => {
      const spliced = fc
        .tuple(arbitraryVersion, fc.string({ unit: 'binary', minLength: 1, maxLength: 3 }), fc.nat())
        .map(([version, odd, at]) => {
          const position = at % (version.length + 1);
          return version.slice(0, position) + odd + version.slice(position);
        });
      fc.assert(
        fc.property(spliced, (raw) => {
          scheme.parse(raw);
        }),
        { numRuns: 1000 },
      );
    });

    it.each(HOSTILE_LONG_INPUTS.map((raw) => [raw.slice(0, 24), raw.length, raw] as const))(
      'refuses an over-long input %s… (%i chars)',
      (_shown, _length, raw) => {
        expect(scheme.parse(raw)).toBeUndefined();
      },
    );

    it.each(ODD_INPUTS.map((raw) => [JSON.stringify(raw), raw] as const))(
      'parses %s without throwing',
      (_, raw) => {
        expect(() => scheme.parse(raw)).not.toThrow();
      },
    );

    it('refuses the empty string and a wildcard', () => {
      expect(scheme.parse('')).toBeUndefined();
      expect(scheme.parse('*')).toBeUndefined();
    });

    it('compare is reflexive, also across separate parses of the same string', () => {
      fc.assert(
        fc.property(arbitraryVersion, (raw) => {
          const [a, b] = [scheme.parse(raw), scheme.parse(raw)];
          if (a === undefined || b === undefined) return;
          expect(scheme.compare(a, a)).toBe(0);
          expect(scheme.compare(a, b)).toBe(0);
        }),
        { numRuns: 500 },
      );
    });

    it('compare is antisymmetric and returns only -1, 0 or 1', () => {
      fc.assert(
        fc.property(arbitraryVersion, arbitraryVersion, (x, y) => {
          const [a, b] = [scheme.parse(x), scheme.parse(y)];
          if (a === undefined || b === undefined) return;
          const forward = scheme.compare(a, b);
          expect([-1, 0, 1]).toContain(forward);
          expect(scheme.compare(b, a)).toBe(-forward || 0);
        }),
        { numRuns: 2000 },
      );
    });

    it('compare is transitive, and equal versions order alike against every other', () => {
      fc.assert(
        fc.property(fc.array(arbitraryVersion, { minLength: 3, maxLength: 8 }), (raws) => {
          const versions = parseAll(scheme, raws);
          for (const a of versions) {
            for (const b of versions) {
              const ab = scheme.compare(a, b);
              for (const c of versions) {
                if (ab <= 0 && scheme.compare(b, c) <= 0) expect(scheme.compare(a, c)).toBeLessThanOrEqual(0);
                if (ab === 0) expect(scheme.compare(a, c)).toBe(scheme.compare(b, c));
              }
            }
          }
        }),
        { numRuns: 500 },
      );
    });

    it('sorting with compare gives a sequence every later pair agrees with', () => {
      fc.assert(
        fc.property(fc.array(arbitraryVersion, { maxLength: 20 }), (raws) => {
          const sorted = parseAll(scheme, raws).sort((a, b) => scheme.compare(a, b));
          for (let i = 0; i < sorted.length; i++) {
            for (let j = i + 1; j < sorted.length; j++) {
              expect(scheme.compare(sorted[i] as V, sorted[j] as V)).toBeLessThanOrEqual(0);
            }
          }
        }),
        { numRuns: 300 },
      );
    });

    it('compareVersions is undefined, never an ordering, when either side does not parse', () => {
      const valid = fc.sample(arbitraryVersion, { numRuns: 50, seed: 7 }).find((raw) => scheme.parse(raw));
      expect(valid).toBeDefined();
      const version = valid as string;
      expect(compareVersions(scheme, version, version)).toBe(0);
      expect(compareVersions(scheme, version, 'not a version')).toBeUndefined();
      expect(compareVersions(scheme, 'not a version', version)).toBeUndefined();
      expect(compareVersions(scheme, '', '')).toBeUndefined();
    });
  });
}
