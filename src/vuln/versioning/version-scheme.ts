// The VersionScheme seam: how one ecosystem spells and orders versions. Only parsed versions can be compared,
// so a string that is not a version of the scheme never gets a place in an order (STYLE rule 11).
import type { Ecosystem } from '../../core/package/ecosystem.js';

export type Ordering = -1 | 0 | 1;

export interface VersionScheme<V> {
  /** The ecosystem whose versions this scheme orders; equals its key in the registry (`index.ts`). */
  readonly ecosystem: Ecosystem;
  /**
   * Parses one version string. Returns undefined when `raw` is not a version of this scheme, including when it
   * is longer than MAX_VERSION_LENGTH. Never throws, whatever the input.
   * @example deb.parse('1:2.36-9+deb12u7') // { epoch: 1, upstream: '2.36', revision: '9+deb12u7' }
   */
  parse(raw: string): V | undefined;
  /**
   * Orders two parsed versions: -1 when a sorts before b, 0 when they are equal for the ecosystem (which may
   * hold for different spellings, e.g. deb `1.09` and `1.9`), 1 when a sorts after b. A total order: reflexive,
   * antisymmetric and transitive (checked by version-scheme.contract.ts).
   */
  compare(a: V, b: V): Ordering;
}

/**
 * Longest version string any scheme accepts. npm refuses versions over 256 characters; real versions of the
 * other ecosystems are far shorter. The bound keeps hostile inputs (advisory data, package databases inside
 * images) from costing more than a short scan.
 */
export const MAX_VERSION_LENGTH = 256;

/** Parses both strings with `scheme` and orders them; undefined when either is not a version of the scheme. */
export function compareVersions<V>(scheme: VersionScheme<V>, a: string, b: string): Ordering | undefined {
  const left = scheme.parse(a);
  if (left === undefined) return undefined;
  const right = scheme.parse(b);
  if (right === undefined) return undefined;
  return scheme.compare(left, right);
}

export function toOrdering(difference: number): Ordering {
  if (difference < 0) return -1;
  return difference > 0 ? 1 : 0;
}

/**
 * Orders two strings of ASCII decimal digits by numeric value, at any length (versions carry numbers beyond
 * 2^53, e.g. timestamps and build ids). Leading zeros do not count: `007` equals `7`; the empty string is zero.
 */
export function compareDecimal(a: string, b: string): Ordering {
  const x = stripLeadingZeros(a);
  const y = stripLeadingZeros(b);
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  if (x === y) return 0;
  return x < y ? -1 : 1;
}

function stripLeadingZeros(digits: string): string {
  let start = 0;
  while (start < digits.length && digits.charCodeAt(start) === 0x30) start++;
  return digits.slice(start);
}

/** Orders strings by UTF-16 code units, as C's memcmp/strcmp do on ASCII: a proper prefix sorts first. */
export function compareCodeUnits(a: string, b: string): Ordering {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

export function isAsciiDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

export function isAsciiLetter(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}
