// RPM package versions, ordered as rpm orders them: the epoch as a number (absent = 0), then version, then
// release, each with rpmvercmp (rpm's lib/rpmvercmp.c; vectors in tests/rpmvercmp.at).
//
//   evr              = [ epoch ":" ] version [ "-" release ]      (release after the last "-")
//   epoch            = digit { digit }
//   version, release = 1*( alnum | "." | "_" | "+" | "~" | "^" )  (rpmbuild's ALLOWED_CHARS_VERREL)
//
// rpmvercmp reads a string as a sequence of segments and skips every other character as a separator:
//   segment = digits | letters | "~" | "^"          (ASCII only; anything else separates)
// Segments compare left to right: "~" sorts before anything, even the end ("1.0~rc1" < "1.0"); "^" sorts after
// the end but before any other segment ("1.0" < "1.0^git1" < "1.0.1"); a number beats letters; numbers compare
// by value, letters as strings; a version with segments left over is the greater.
//
// rpm itself ignores the release when either side lacks one (a dependency on "1.0" matches every "1.0-N").
// That is a match rule, not an order: it would make 1.0-1 = 1.0 = 1.0-2 while 1.0-1 < 1.0-2. Here an absent
// release compares as the empty string, so "1.0" sorts before every "1.0-N"; callers that want rpm's match
// rule can check `release === undefined` themselves.
import {
  compareCodeUnits,
  compareDecimal,
  isAsciiDigit,
  isAsciiLetter,
  MAX_VERSION_LENGTH,
  type Ordering,
  type VersionScheme,
} from './version-scheme.js';

export interface RpmVersion {
  /** Decimal digits; '0' when absent. */
  readonly epoch: string;
  readonly version: string;
  readonly release: string | undefined;
}

/** The characters rpmbuild allows in Version and Release (ALLOWED_CHARS_VERREL, less unexpanded macros). */
const VERREL = /^[A-Za-z0-9._+~^]+$/;
const EPOCH = /^[0-9]+$/;

function parseRpm(raw: string): RpmVersion | undefined {
  if (raw.length > MAX_VERSION_LENGTH) return undefined;
  let rest = raw;
  let epoch = '0';
  const colon = rest.indexOf(':');
  if (colon !== -1) {
    epoch = rest.slice(0, colon);
    if (!EPOCH.test(epoch)) return undefined;
    rest = rest.slice(colon + 1);
  }
  let release: string | undefined;
  const hyphen = rest.lastIndexOf('-');
  if (hyphen !== -1) {
    release = rest.slice(hyphen + 1);
    rest = rest.slice(0, hyphen);
    if (!VERREL.test(release)) return undefined;
  }
  if (!VERREL.test(rest)) return undefined;
  return { epoch, version: rest, release };
}

function compareRpm(a: RpmVersion, b: RpmVersion): Ordering {
  return (
    compareDecimal(a.epoch, b.epoch) ||
    compareRpmSegments(a.version, b.version) ||
    compareRpmSegments(a.release ?? '', b.release ?? '')
  );
}

type Segment = { kind: 'tilde' | 'caret' | 'number' | 'letters'; text: string };

/** rpmvercmp: the order of one version or release string, as described at the top of this file. */
function compareRpmSegments(a: string, b: string): Ordering {
  if (a === b) return 0;
  const left = segmentsOf(a);
  const right = segmentsOf(b);
  for (let k = 0; ; k++) {
    const x = left[k];
    const y = right[k];
    if (x === undefined || y === undefined) {
      if (x === undefined && y === undefined) return 0;
      // Past the end of one side: only "~" on the other side sorts lower.
      if (x === undefined) return y?.kind === 'tilde' ? 1 : -1;
      return x.kind === 'tilde' ? -1 : 1;
    }
    const byKind = SEGMENT_RANK[x.kind] - SEGMENT_RANK[y.kind];
    if (byKind !== 0) return byKind < 0 ? -1 : 1;
    const byValue = x.kind === 'number' ? compareDecimal(x.text, y.text) : compareCodeUnits(x.text, y.text);
    if (byValue !== 0) return byValue;
  }
}

const SEGMENT_RANK: Record<Segment['kind'], number> = { tilde: 0, caret: 1, letters: 2, number: 3 };

function segmentsOf(text: string): Segment[] {
  const segments: Segment[] = [];
  let at = 0;
  while (at < text.length) {
    const code = text.charCodeAt(at);
    if (code === 0x7e || code === 0x5e) {
      segments.push({ kind: code === 0x7e ? 'tilde' : 'caret', text: '' });
      at++;
    } else if (isAsciiDigit(code) || isAsciiLetter(code)) {
      const isNumber = isAsciiDigit(code);
      let end = at + 1;
      while (end < text.length && (isNumber ? isAsciiDigit : isAsciiLetter)(text.charCodeAt(end))) end++;
      segments.push({ kind: isNumber ? 'number' : 'letters', text: text.slice(at, end) });
      at = end;
    } else {
      at++;
    }
  }
  return segments;
}

export const rpm: VersionScheme<RpmVersion> = {
  ecosystem: 'rpm',
  parse: parseRpm,
  compare: compareRpm,
};
