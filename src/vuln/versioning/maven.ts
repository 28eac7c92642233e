// Maven artifact versions, ordered as Maven 3.9's ComparableVersion orders them (the POM reference, "Version
// Order Specification"), made transitive where Maven is not.
//
// Reading: the lowercased string splits into items at "." and "-" and wherever digits meet non-digits.
//   - a "-" opens a nested list, as does a digit/non-digit transition ("1-1" is [1, [1]], "1a1" is [1, [a, [1]]]);
//   - an empty item before a separator is 0 ("1..2" is [1, 0, 2]);
//   - a one-letter item right before digits expands: a → alpha, b → beta, m → milestone;
//   - aliases: ga, final, release → "" (the release itself); cr → rc;
//   - each list then drops trailing "null" items (0, "", empty lists), scanning back past nested lists.
// Ordering: numbers compare by value; qualifiers rank alpha < beta < milestone < rc < snapshot < "" < sp <
// any other word (others among themselves alphabetically); a number beats a list beats a qualifier; lists
// compare item by item, a missing item comparing as "null" (so 1 = 1.0 and 1-rc < 1 < 1-sp).
//
// Maven's own comparator is not transitive: 1-0.alpha < 1 < 1-sp.1 (against nothing, "0.alpha" is below and
// "sp.1" above), yet 1-0.alpha > 1-sp.1 (a number beats a qualifier). Sorting or range checks over such a
// relation give answers that depend on the order of the data. So each item carries its sign, how it and the
// rest of its list compare against nothing, and the sign decides before the kind rule. This changes Maven's
// answer only where Maven contradicts itself; every ordering in Maven's ComparableVersionTest still holds.
//
// We refuse what Maven would order but is not a version: strings without any digit (LATEST, RELEASE and
// property names), ranges ("[1.0,2.0)") and characters outside [A-Za-z0-9._+~-].
import {
  compareCodeUnits,
  compareDecimal,
  isAsciiDigit,
  MAX_VERSION_LENGTH,
  type Ordering,
  type VersionScheme,
} from './version-scheme.js';

export type MavenItem = (
  | { readonly kind: 'number'; readonly digits: string }
  | { readonly kind: 'qualifier'; readonly word: string }
  | { readonly kind: 'list'; readonly items: readonly MavenItem[] }
) & {
  /** How this item, followed by the rest of its list, compares against nothing (a missing item). */
  readonly sign: Ordering;
};

export interface MavenVersion {
  readonly items: readonly MavenItem[];
}

type ReadItem =
  | { kind: 'number'; digits: string }
  | { kind: 'qualifier'; word: string }
  | { kind: 'list'; items: ReadItem[] };

const ALLOWED = /^[A-Za-z0-9._+~-]+$/;
const HAS_DIGIT = /[0-9]/;
const ZERO: ReadItem = { kind: 'number', digits: '0' };

function parseMaven(raw: string): MavenVersion | undefined {
  if (raw.length > MAX_VERSION_LENGTH || !ALLOWED.test(raw) || !HAS_DIGIT.test(raw)) return undefined;
  const text = raw.toLowerCase();
  const root: ReadItem[] = [];
  const opened: ReadItem[][] = [root];
  let list = root;
  const openList = () => {
    const nested: ReadItem[] = [];
    list.push({ kind: 'list', items: nested });
    opened.push(nested);
    list = nested;
  };
  let isDigit = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '.' || char === '-') {
      list.push(i === start ? ZERO : itemOf(text.slice(start, i), isDigit));
      start = i + 1;
      if (char === '-') openList();
    } else if (isAsciiDigit(text.charCodeAt(i))) {
      if (!isDigit && i > start) {
        // "1.0.0.X1" reads like "1.0.0-X1": a word before digits starts its own list.
        if (list.length > 0) openList();
        list.push(qualifierOf(text.slice(start, i), true));
        start = i;
        openList();
      }
      isDigit = true;
    } else {
      if (isDigit && i > start) {
        list.push(itemOf(text.slice(start, i), true));
        start = i;
        openList();
      }
      isDigit = false;
    }
  }
  if (text.length > start) {
    if (!isDigit && list.length > 0) openList();
    list.push(itemOf(text.slice(start), isDigit));
  }
  // Innermost first, so a list emptied by normalizing counts as null in its parent.
  for (const items of opened.reverse()) dropTrailingNulls(items);
  return { items: withSigns(root) };
}

function itemOf(text: string, isDigit: boolean): ReadItem {
  return isDigit ? { kind: 'number', digits: text.replace(/^0+(?=.)/, '') } : qualifierOf(text, false);
}

const SHORT_BEFORE_DIGIT: Record<string, string> = { a: 'alpha', b: 'beta', m: 'milestone' };
const ALIASES: Record<string, string> = { ga: '', final: '', release: '', cr: 'rc' };

function qualifierOf(text: string, isFollowedByDigit: boolean): ReadItem {
  const expanded = (isFollowedByDigit ? SHORT_BEFORE_DIGIT[text] : undefined) ?? text;
  return { kind: 'qualifier', word: ALIASES[expanded] ?? expanded };
}

function isNull(item: ReadItem): boolean {
  if (item.kind === 'number') return item.digits === '0';
  if (item.kind === 'qualifier') return item.word === '';
  return item.items.length === 0;
}

function dropTrailingNulls(items: ReadItem[]): void {
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i] as ReadItem;
    if (isNull(item)) items.splice(i, 1);
    else if (item.kind !== 'list') break;
  }
}

const QUALIFIER_ORDER = ['alpha', 'beta', 'milestone', 'rc', 'snapshot', '', 'sp'];
const RELEASE_KEY = String(QUALIFIER_ORDER.indexOf(''));

/** A string whose plain ordering is the qualifier order: known words by rank, then others alphabetically. */
function qualifierKey(word: string): string {
  const rank = QUALIFIER_ORDER.indexOf(word);
  return rank === -1 ? `${QUALIFIER_ORDER.length}-${word}` : String(rank);
}

/**
 * Signs from the right: a non-null item has its own (a number above 0 is positive, a qualifier ranks against
 * the release, a list takes its first item's); a null item kept by normalizing (0 or "" before a non-null item)
 * takes the sign of what follows it.
 */
function withSigns(items: readonly ReadItem[]): MavenItem[] {
  const signed: MavenItem[] = [];
  let tail: Ordering = 0;
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i] as ReadItem;
    let result: MavenItem;
    if (item.kind === 'number') {
      result = { ...item, sign: item.digits === '0' ? tail : 1 };
    } else if (item.kind === 'qualifier') {
      result = {
        ...item,
        sign: item.word === '' ? tail : compareCodeUnits(qualifierKey(item.word), RELEASE_KEY),
      };
    } else {
      const nested = withSigns(item.items);
      result = { kind: 'list', items: nested, sign: nested[0]?.sign ?? 0 };
    }
    signed.unshift(result);
    tail = result.sign;
  }
  return signed;
}

function compareLists(a: readonly MavenItem[], b: readonly MavenItem[]): Ordering {
  const length = Math.max(a.length, b.length);
  for (let k = 0; k < length; k++) {
    const [x, y] = [a[k], b[k]];
    const [signX, signY] = [x?.sign ?? 0, y?.sign ?? 0];
    if (signX !== signY) return signX < signY ? -1 : 1;
    if (x === undefined || y === undefined) continue;
    const result = compareItems(x, y);
    if (result !== 0) return result;
  }
  return 0;
}

/** Two items of the same sign. */
function compareItems(a: MavenItem, b: MavenItem): Ordering {
  // Mixed kinds: a number beats a list, which beats a qualifier ("1.1" > "1-1" > "1-sp").
  if (a.kind === 'number') return b.kind === 'number' ? compareDecimal(a.digits, b.digits) : 1;
  if (a.kind === 'qualifier') {
    return b.kind === 'qualifier' ? compareCodeUnits(qualifierKey(a.word), qualifierKey(b.word)) : -1;
  }
  if (b.kind === 'list') return compareLists(a.items, b.items);
  return b.kind === 'number' ? -1 : 1;
}

export const maven: VersionScheme<MavenVersion> = {
  ecosystem: 'maven',
  parse: parseMaven,
  compare: (a, b) => compareLists(a.items, b.items),
};
