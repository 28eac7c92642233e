// Alpine package versions, ordered as apk-tools 3 orders them (src/version.c; vectors in test/unit/version.data).
//
//   version  = number { "." number } [ letter ] { "_" suffix [ number ] } [ "~" hex ] [ "-r" number ]
//   letter   = "a" … "z"
//   suffix   = "alpha" | "beta" | "pre" | "rc" | "cvs" | "svn" | "git" | "hg" | "p"
//
// apk does not refuse a version that breaks the grammar: it reads tokens up to the first one that does not fit
// and orders by that prefix (its suite has `1.0 < 1.0bc`, "invalid, do string sort"). We do the same, so the
// order is apk's, but only when the version at least starts with a number; `isValid` tells the two apart.
import {
  compareCodeUnits,
  compareDecimal,
  isAsciiDigit,
  MAX_VERSION_LENGTH,
  type Ordering,
  type VersionScheme,
} from './version-scheme.js';

/** Token kinds in grammar order; where two versions first differ in kind, the later kind sorts lower. */
const KINDS = ['initial', 'digit', 'letter', 'suffix', 'suffix-number', 'commit-hash', 'revision'] as const;
type TokenKind = (typeof KINDS)[number];

/** Suffixes before 'none' mark pre-releases, which sort below the version without them. */
const SUFFIXES = ['alpha', 'beta', 'pre', 'rc', 'none', 'cvs', 'svn', 'git', 'hg', 'p'] as const;
const RELEASE_RANK = SUFFIXES.indexOf('none');

export interface ApkToken {
  readonly kind: TokenKind;
  /** Digits, the letter, the suffix word or the commit hash, as written. */
  readonly text: string;
}

export interface ApkVersion {
  readonly tokens: readonly ApkToken[];
  /** False when apk stopped at a token that breaks the grammar; the tokens before it still order. */
  readonly isValid: boolean;
}

const PRINTABLE_ASCII = /^[\x21-\x7e]+$/;

function parseApk(raw: string): ApkVersion | undefined {
  if (raw.length > MAX_VERSION_LENGTH || !PRINTABLE_ASCII.test(raw) || !isAsciiDigit(raw.charCodeAt(0))) {
    return undefined;
  }
  const tokens: ApkToken[] = [];
  let at = 0;
  let previous = 'initial' as TokenKind;
  const push = (kind: TokenKind, end: number, skip = 0) => {
    tokens.push({ kind, text: raw.slice(at + skip, end) });
    previous = kind;
    at = end;
  };
  push('initial', digitsEnd(raw, 0));
  while (at < raw.length) {
    const char = raw[at] as string;
    const order = KINDS.indexOf(previous);
    if (char >= 'a' && char <= 'z' && order <= KINDS.indexOf('digit')) {
      push('letter', at + 1);
    } else if (char === '.' && order <= KINDS.indexOf('digit') && isAsciiDigit(raw.charCodeAt(at + 1))) {
      push('digit', digitsEnd(raw, at + 1), 1);
    } else if (isAsciiDigit(raw.charCodeAt(at)) && previous === 'suffix') {
      push('suffix-number', digitsEnd(raw, at));
    } else if (char === '_' && order <= KINDS.indexOf('suffix-number')) {
      const end = spanEnd(raw, at + 1, (c) => c >= 0x61 && c <= 0x7a);
      if (suffixRank(raw.slice(at + 1, end)) === undefined) break;
      push('suffix', end, 1);
    } else if (char === '~' && order < KINDS.indexOf('commit-hash')) {
      const end = spanEnd(raw, at + 1, (c) => isAsciiDigit(c) || (c >= 0x61 && c <= 0x66));
      if (end === at + 1) break;
      push('commit-hash', end, 1);
    } else if (
      raw.startsWith('-r', at) &&
      order < KINDS.indexOf('revision') &&
      isAsciiDigit(raw.charCodeAt(at + 2))
    ) {
      push('revision', digitsEnd(raw, at + 2), 2);
    } else {
      break;
    }
  }
  return { tokens, isValid: at === raw.length };
}

function digitsEnd(text: string, start: number): number {
  return spanEnd(text, start, isAsciiDigit);
}

function spanEnd(text: string, start: number, accepts: (code: number) => boolean): number {
  let end = start;
  while (end < text.length && accepts(text.charCodeAt(end))) end++;
  return end;
}

function suffixRank(word: string): number | undefined {
  const rank = (SUFFIXES as readonly string[]).indexOf(word);
  return rank === -1 || rank === RELEASE_RANK ? undefined : rank;
}

function compareApk(a: ApkVersion, b: ApkVersion): Ordering {
  const shared = Math.min(a.tokens.length, b.tokens.length);
  let k = 0;
  for (; k < shared; k++) {
    const [x, y] = [a.tokens[k] as ApkToken, b.tokens[k] as ApkToken];
    if (x.kind !== y.kind) break;
    const byValue = compareTokenValues(x, y);
    if (byValue !== 0) return byValue;
  }
  const rankA = tailRank(a, k);
  const rankB = tailRank(b, k);
  if (rankA === rankB) return 0;
  return rankA < rankB ? -1 : 1;
}

/**
 * Rank of what follows the common prefix, as apk_version_compare decides once the token kinds differ: a
 * pre-release suffix lowest, then the later a kind comes in the grammar the lower it sorts, then the end of a
 * valid version, then the end of an invalid one (a broken tail orders below nothing only by apk's enum order).
 */
function tailRank(version: ApkVersion, index: number): number {
  const token = version.tokens[index];
  if (token === undefined) return version.isValid ? -KINDS.length : -KINDS.length - 1;
  if (token.kind === 'suffix' && (suffixRank(token.text) ?? RELEASE_RANK) < RELEASE_RANK) {
    return Number.NEGATIVE_INFINITY;
  }
  return -KINDS.indexOf(token.kind);
}

function compareTokenValues(x: ApkToken, y: ApkToken): Ordering {
  switch (x.kind) {
    case 'digit':
      // apk: a number after a dot with a leading zero compares as a string (as Gentoo does), so 1.02 < 1.1.
      if (x.text.startsWith('0') || y.text.startsWith('0')) return compareCodeUnits(x.text, y.text);
      return compareDecimal(x.text, y.text);
    case 'initial':
    case 'suffix-number':
    case 'revision':
      return compareDecimal(x.text, y.text);
    case 'suffix': {
      const difference = (suffixRank(x.text) ?? RELEASE_RANK) - (suffixRank(y.text) ?? RELEASE_RANK);
      return difference === 0 ? 0 : difference < 0 ? -1 : 1;
    }
    case 'letter':
    case 'commit-hash':
      return compareCodeUnits(x.text, y.text);
  }
}

export const apk: VersionScheme<ApkVersion> = {
  ecosystem: 'apk',
  parse: parseApk,
  compare: compareApk,
};
