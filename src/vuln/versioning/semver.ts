// Semantic Versioning 2.0.0 (semver.org) and the npm ecosystem's spelling of it.
//
//   version    = core [ "-" prerelease ] [ "+" build ]
//   core       = number "." number "." number
//   number     = "0" | nonzero { digit }
//   prerelease = identifier { "." identifier }      identifier = number | 1*( alnum | "-" ) with a non-digit
//   build      = part { "." part }                  part = 1*( alnum | "-" )
//
// Precedence (§11): the core numerically; a version with a prerelease sorts before the same core without one;
// prerelease identifiers left to right, numbers numerically and before any alphanumeric identifier,
// alphanumerics in ASCII order, a shorter list first when all shared identifiers are equal. Build metadata
// never counts. Go module versions (go.ts) use the same rules.
import {
  compareCodeUnits,
  compareDecimal,
  MAX_VERSION_LENGTH,
  type Ordering,
  toOrdering,
  type VersionScheme,
} from './version-scheme.js';

export interface SemVer {
  /** Decimal digits, without leading zeros. */
  readonly major: string;
  readonly minor: string;
  readonly patch: string;
  readonly prerelease: readonly string[];
  readonly build: readonly string[];
}

const NUMBER = /^(?:0|[1-9][0-9]*)$/;
const IDENTIFIER = /^[0-9A-Za-z-]+$/;
const DIGITS = /^[0-9]+$/;

/** Parses a strict semver 2.0.0 string (no prefix, no surrounding space). */
export function parseSemver(text: string): SemVer | undefined {
  if (text.length > MAX_VERSION_LENGTH) return undefined;
  const plus = text.indexOf('+');
  const withoutBuild = plus === -1 ? text : text.slice(0, plus);
  const build = plus === -1 ? [] : text.slice(plus + 1).split('.');
  const hyphen = withoutBuild.indexOf('-');
  const core = (hyphen === -1 ? withoutBuild : withoutBuild.slice(0, hyphen)).split('.');
  const prerelease = hyphen === -1 ? [] : withoutBuild.slice(hyphen + 1).split('.');
  const [major, minor, patch] = core;
  if (core.length !== 3 || major === undefined || minor === undefined || patch === undefined)
    return undefined;
  if (!NUMBER.test(major) || !NUMBER.test(minor) || !NUMBER.test(patch)) return undefined;
  if (!prerelease.every(isPrereleaseIdentifier) || !build.every((part) => IDENTIFIER.test(part)))
    return undefined;
  return { major, minor, patch, prerelease, build };
}

function isPrereleaseIdentifier(identifier: string): boolean {
  return IDENTIFIER.test(identifier) && (!DIGITS.test(identifier) || NUMBER.test(identifier));
}

/** semver 2.0.0 §11 precedence. */
export function compareSemver(a: SemVer, b: SemVer): Ordering {
  const byCore =
    compareDecimal(a.major, b.major) || compareDecimal(a.minor, b.minor) || compareDecimal(a.patch, b.patch);
  if (byCore !== 0) return byCore;
  if (a.prerelease.length === 0 || b.prerelease.length === 0) {
    if (a.prerelease.length === b.prerelease.length) return 0;
    return a.prerelease.length === 0 ? 1 : -1;
  }
  const shared = Math.min(a.prerelease.length, b.prerelease.length);
  for (let k = 0; k < shared; k++) {
    const byIdentifier = compareIdentifiers(a.prerelease[k] as string, b.prerelease[k] as string);
    if (byIdentifier !== 0) return byIdentifier;
  }
  return toOrdering(a.prerelease.length - b.prerelease.length);
}

function compareIdentifiers(a: string, b: string): Ordering {
  const [isNumberA, isNumberB] = [DIGITS.test(a), DIGITS.test(b)];
  if (isNumberA && isNumberB) return compareDecimal(a, b);
  if (isNumberA !== isNumberB) return isNumberA ? -1 : 1;
  return compareCodeUnits(a, b);
}

/**
 * npm reads versions as node-semver does: surrounding whitespace and a leading run of `=` and `v` are dropped
 * (semver.clean), so `v1.2.3` and `=1.2.3` are 1.2.3; each core number must be a safe integer.
 */
function parseNpm(raw: string): SemVer | undefined {
  if (raw.length > MAX_VERSION_LENGTH) return undefined;
  const version = parseSemver(raw.trim().replace(/^[=v]+/, ''));
  if (version === undefined) return undefined;
  const isSafe = [version.major, version.minor, version.patch].every(
    (n) => Number(n) <= Number.MAX_SAFE_INTEGER,
  );
  return isSafe ? version : undefined;
}

export const npm: VersionScheme<SemVer> = {
  ecosystem: 'npm',
  parse: parseNpm,
  compare: compareSemver,
};
