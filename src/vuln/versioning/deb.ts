// Debian package versions, ordered as dpkg orders them: deb-version(7) "Sorting algorithm" and Debian Policy
// §5.6.12.
//
//   version          = [ epoch ":" ] upstream_version [ "-" debian_revision ]
//   epoch            = digit { digit }                       (at most 2^31-1, as dpkg)
//   upstream_version = digit { alnum | "." | "+" | "~" | "-" } (a "-" only when a revision follows)
//   debian_revision  = { alnum | "." | "+" | "~" }           (after the last "-"; not empty)
//
// dpkg only warns about an upstream version that does not start with a digit; we refuse it, so that words such
// as "latest" or "unknown" in advisory or package data never take a place in the order.
import {
  compareDecimal,
  isAsciiDigit,
  isAsciiLetter,
  MAX_VERSION_LENGTH,
  type Ordering,
  toOrdering,
  type VersionScheme,
} from './version-scheme.js';

export interface DebVersion {
  readonly epoch: number;
  readonly upstream: string;
  /** Empty when the version has none: dpkg compares an absent revision as the empty string. */
  readonly revision: string;
}

const MAX_EPOCH = 2 ** 31 - 1;
const UPSTREAM = /^[0-9][A-Za-z0-9.+~-]*$/;
const REVISION = /^[A-Za-z0-9.+~]+$/;
const EPOCH = /^[0-9]+$/;

function parseDeb(raw: string): DebVersion | undefined {
  if (raw.length === 0 || raw.length > MAX_VERSION_LENGTH) return undefined;
  let rest = raw;
  let epoch = 0;
  const colon = rest.indexOf(':');
  if (colon !== -1) {
    const digits = rest.slice(0, colon);
    if (!EPOCH.test(digits)) return undefined;
    epoch = Number(digits);
    if (epoch > MAX_EPOCH) return undefined;
    rest = rest.slice(colon + 1);
  }
  let revision = '';
  const hyphen = rest.lastIndexOf('-');
  if (hyphen !== -1) {
    revision = rest.slice(hyphen + 1);
    if (!REVISION.test(revision)) return undefined;
    rest = rest.slice(0, hyphen);
  }
  if (!UPSTREAM.test(rest)) return undefined;
  return { epoch, upstream: rest, revision };
}

function compareDeb(a: DebVersion, b: DebVersion): Ordering {
  if (a.epoch !== b.epoch) return a.epoch < b.epoch ? -1 : 1;
  return compareDebPart(a.upstream, b.upstream) || compareDebPart(a.revision, b.revision);
}

/**
 * deb-version(7): compare alternating non-digit and digit runs from the left. Non-digit runs compare character
 * by character with `~` before the end of the run, the end before letters, letters before everything else;
 * digit runs compare numerically, an empty run counting as zero.
 */
function compareDebPart(a: string, b: string): Ordering {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const aText = runEnd(a, i, false);
    const bText = runEnd(b, j, false);
    const byText = compareDebText(a.slice(i, aText), b.slice(j, bText));
    if (byText !== 0) return byText;
    const aDigits = runEnd(a, aText, true);
    const bDigits = runEnd(b, bText, true);
    const byNumber = compareDecimal(a.slice(aText, aDigits), b.slice(bText, bDigits));
    if (byNumber !== 0) return byNumber;
    i = aDigits;
    j = bDigits;
  }
  return 0;
}

function runEnd(text: string, start: number, digits: boolean): number {
  let end = start;
  while (end < text.length && isAsciiDigit(text.charCodeAt(end)) === digits) end++;
  return end;
}

function compareDebText(a: string, b: string): Ordering {
  const length = Math.max(a.length, b.length);
  for (let k = 0; k < length; k++) {
    const difference = debWeight(a.charCodeAt(k)) - debWeight(b.charCodeAt(k));
    if (difference !== 0) return toOrdering(difference);
  }
  return 0;
}

/** Weight of one character of a non-digit run; NaN (past the end) weighs 0. */
function debWeight(code: number): number {
  if (Number.isNaN(code)) return 0;
  if (code === 0x7e) return -1;
  return isAsciiLetter(code) ? code : code + 256;
}

export const deb: VersionScheme<DebVersion> = {
  ecosystem: 'deb',
  parse: parseDeb,
  compare: compareDeb,
};
