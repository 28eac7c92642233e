// Python package versions: PEP 440 (packaging.python.org "Version specifiers"), with every spelling the
// specification's normalization rules accept, read as pypa/packaging's Version reads them.
//
//   version = [ "v" ] [ N "!" ] N { "." N } [ pre ] [ post ] [ dev ] [ "+" local ]   (case-insensitive,
//                                                                                     surrounding space ignored)
//   pre     = [ sep ] ( "a" | "alpha" | "b" | "beta" | "rc" | "c" | "pre" | "preview" ) [ sep ] [ N ]
//   post    = "-" N | [ sep ] ( "post" | "rev" | "r" ) [ sep ] [ N ]
//   dev     = [ sep ] "dev" [ sep ] [ N ]
//   local   = alnum+ { sep alnum+ }
//   sep     = "." | "-" | "_"
//
// Normalization: alpha → a, beta → b, c/pre/preview → rc, rev/r → post, a missing number → 0, numbers
// without leading zeros, local segments lowercased. Order: epoch; release with trailing zeros dropped
// (1.0 = 1); then dev-only releases < a < b < rc < final, a post release after its base, a dev release before
// the release it leads to; finally no local < any local, compared segment by segment with numbers above words.
import {
  compareCodeUnits,
  compareDecimal,
  MAX_VERSION_LENGTH,
  type Ordering,
  toOrdering,
  type VersionScheme,
} from './version-scheme.js';

export type PreReleaseLabel = 'a' | 'b' | 'rc';

export interface LocalSegment {
  readonly isNumber: boolean;
  /** Lowercase word, or digits without leading zeros. */
  readonly text: string;
}

export interface Pep440Version {
  /** Numbers as decimal digits without leading zeros. */
  readonly epoch: string;
  readonly release: readonly string[];
  readonly pre: { readonly label: PreReleaseLabel; readonly number: string } | undefined;
  readonly post: string | undefined;
  readonly dev: string | undefined;
  readonly local: readonly LocalSegment[] | undefined;
}

const PEP440 = new RegExp(
  [
    '^v?',
    '(?:(?<epoch>[0-9]+)!)?',
    '(?<release>[0-9]+(?:\\.[0-9]+)*)',
    '(?:[-_.]?(?<preLabel>alpha|a|beta|b|preview|pre|c|rc)[-_.]?(?<preNumber>[0-9]+)?)?',
    '(?:-(?<postImplicit>[0-9]+)|[-_.]?(?<postLabel>post|rev|r)[-_.]?(?<postNumber>[0-9]+)?)?',
    '(?:[-_.]?(?<devLabel>dev)[-_.]?(?<devNumber>[0-9]+)?)?',
    '(?:\\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?$',
  ].join(''),
  'i',
);

const PRE_LABELS: Record<string, PreReleaseLabel> = {
  a: 'a',
  alpha: 'a',
  b: 'b',
  beta: 'b',
  c: 'rc',
  rc: 'rc',
  pre: 'rc',
  preview: 'rc',
};

function parsePep440(raw: string): Pep440Version | undefined {
  if (raw.length > MAX_VERSION_LENGTH) return undefined;
  const groups = PEP440.exec(raw.trim())?.groups;
  if (groups === undefined) return undefined;
  const {
    epoch,
    release,
    preLabel,
    preNumber,
    postImplicit,
    postLabel,
    postNumber,
    devLabel,
    devNumber,
    local,
  } = groups;
  return {
    epoch: normalizeNumber(epoch),
    release: (release ?? '').split('.').map(normalizeNumber),
    pre:
      preLabel === undefined
        ? undefined
        : { label: preLabelOf(preLabel), number: normalizeNumber(preNumber) },
    post:
      postImplicit !== undefined || postLabel !== undefined
        ? normalizeNumber(postImplicit ?? postNumber)
        : undefined,
    dev: devLabel === undefined ? undefined : normalizeNumber(devNumber),
    local: local === undefined ? undefined : local.toLowerCase().split(/[-_.]/).map(toLocalSegment),
  };
}

function preLabelOf(label: string): PreReleaseLabel {
  // The pattern admits only the labels PRE_LABELS spells out.
  return PRE_LABELS[label.toLowerCase()] as PreReleaseLabel;
}

function normalizeNumber(digits: string | undefined): string {
  const stripped = (digits ?? '').replace(/^0+/, '');
  return stripped === '' ? '0' : stripped;
}

function toLocalSegment(part: string): LocalSegment {
  const isNumber = /^[0-9]+$/.test(part);
  return { isNumber, text: isNumber ? normalizeNumber(part) : part };
}

function comparePep440(a: Pep440Version, b: Pep440Version): Ordering {
  return (
    compareDecimal(a.epoch, b.epoch) ||
    compareRelease(a.release, b.release) ||
    compareSuffix(a, b) ||
    compareLocal(a.local, b.local)
  );
}

function compareRelease(a: readonly string[], b: readonly string[]): Ordering {
  const [x, y] = [withoutTrailingZeros(a), withoutTrailingZeros(b)];
  const shared = Math.min(x.length, y.length);
  for (let k = 0; k < shared; k++) {
    const byNumber = compareDecimal(x[k] as string, y[k] as string);
    if (byNumber !== 0) return byNumber;
  }
  return toOrdering(x.length - y.length);
}

function withoutTrailingZeros(release: readonly string[]): readonly string[] {
  let end = release.length;
  while (end > 0 && release[end - 1] === '0') end--;
  return release.slice(0, end);
}

const PRE_RANK: Record<PreReleaseLabel, number> = { a: 0, b: 1, rc: 2 };
const DEV_ONLY_RANK = -1;
const FINAL_RANK = 3;

/** pre, post and dev together, as a tuple compared left to right (packaging's `_cmpkey` suffix). */
function compareSuffix(a: Pep440Version, b: Pep440Version): Ordering {
  const [x, y] = [suffixKey(a), suffixKey(b)];
  for (let k = 0; k < x.length; k++) {
    const [p, q] = [x[k] as number | string, y[k] as number | string];
    const byPart = typeof p === 'number' ? toOrdering(p - (q as number)) : compareDecimal(p, q as string);
    if (byPart !== 0) return byPart;
  }
  return 0;
}

function suffixKey(version: Pep440Version): [number, string, number, string, number, string] {
  const { pre, post, dev } = version;
  let preRank = FINAL_RANK;
  if (pre !== undefined) preRank = PRE_RANK[pre.label];
  else if (post === undefined && dev !== undefined) preRank = DEV_ONLY_RANK;
  return [
    preRank,
    pre?.number ?? '0',
    post === undefined ? 0 : 1,
    post ?? '0',
    dev === undefined ? 1 : 0,
    dev ?? '0',
  ];
}

function compareLocal(
  a: readonly LocalSegment[] | undefined,
  b: readonly LocalSegment[] | undefined,
): Ordering {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? -1 : 1;
  const shared = Math.min(a.length, b.length);
  for (let k = 0; k < shared; k++) {
    const [x, y] = [a[k] as LocalSegment, b[k] as LocalSegment];
    if (x.isNumber !== y.isNumber) return x.isNumber ? 1 : -1;
    const bySegment = x.isNumber ? compareDecimal(x.text, y.text) : compareCodeUnits(x.text, y.text);
    if (bySegment !== 0) return bySegment;
  }
  return toOrdering(a.length - b.length);
}

export const pypi: VersionScheme<Pep440Version> = {
  ecosystem: 'pypi',
  parse: parsePep440,
  compare: comparePep440,
};
