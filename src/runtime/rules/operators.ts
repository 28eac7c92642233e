// Matchers behind the operators that are more than one JS expression: glob, pmatch, bcontains and IP addresses.
// All are built once at compile time from rule values and run in linear or O(n·m) time (no regular
// expressions built from rule text, so a hostile pattern cannot cause catastrophic backtracking).

type GlobToken =
  | { readonly kind: 'star' }
  | { readonly kind: 'any' }
  | { readonly kind: 'char'; readonly c: string }
  | {
      readonly kind: 'class';
      readonly negate: boolean;
      readonly ranges: readonly (readonly [string, string])[];
    };

function tokenizeGlob(pattern: string): GlobToken[] {
  const tokens: GlobToken[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '*') {
      if (tokens.at(-1)?.kind !== 'star') tokens.push({ kind: 'star' });
    } else if (c === '?') tokens.push({ kind: 'any' });
    else if (c === '\\' && i + 1 < pattern.length) tokens.push({ kind: 'char', c: pattern[++i] as string });
    else if (c === '[') {
      const end = findClassEnd(pattern, i);
      if (end < 0) {
        tokens.push({ kind: 'char', c });
        continue;
      }
      let j = i + 1;
      const negate = pattern[j] === '!' || pattern[j] === '^';
      if (negate) j++;
      const ranges: [string, string][] = [];
      for (; j < end; j++) {
        const from = pattern[j] as string;
        if (pattern[j + 1] === '-' && j + 2 < end) {
          ranges.push([from, pattern[j + 2] as string]);
          j += 2;
        } else ranges.push([from, from]);
      }
      tokens.push({ kind: 'class', negate, ranges });
      i = end;
    } else tokens.push({ kind: 'char', c });
  }
  return tokens;
}

/** Index of the `]` closing the class opened at `open` (a `]` right after `[` or `[!` is a member), or -1. */
function findClassEnd(pattern: string, open: number): number {
  let j = open + 1;
  if (pattern[j] === '!' || pattern[j] === '^') j++;
  if (pattern[j] === ']') j++;
  const end = pattern.indexOf(']', j);
  return end;
}

function tokenMatches(t: GlobToken, c: string): boolean {
  switch (t.kind) {
    case 'any':
      return true;
    case 'char':
      return t.c === c;
    case 'class': {
      const hit = t.ranges.some(([a, b]) => c >= a && c <= b);
      return t.negate ? !hit : hit;
    }
    case 'star':
      return false;
  }
}

/**
 * Shell glob as fnmatch(3) without FNM_PATHNAME, which is what Falco's `glob` uses: `*` also crosses `/`, the
 * whole string must match. Greedy matching with one backtrack point per star: O(n·m) worst case.
 */
export function compileGlob(pattern: string): (value: string) => boolean {
  const tokens = tokenizeGlob(pattern);
  if (tokens.every((t) => t.kind === 'char')) {
    const literal = tokens.map((t) => (t as { c: string }).c).join('');
    return (value) => value === literal;
  }
  return (value) => {
    let ti = 0;
    let vi = 0;
    let starTi = -1;
    let starVi = 0;
    while (vi < value.length) {
      const t = tokens[ti];
      if (t !== undefined && t.kind === 'star') {
        starTi = ti++;
        starVi = vi;
      } else if (t !== undefined && tokenMatches(t, value[vi] as string)) {
        ti++;
        vi++;
      } else if (starTi >= 0) {
        ti = starTi + 1;
        vi = ++starVi;
      } else return false;
    }
    while (tokens[ti]?.kind === 'star') ti++;
    return ti === tokens.length;
  };
}

function pathComponents(path: string): string[] {
  return path.split('/').filter((p) => p !== '');
}

/**
 * Falco's `pmatch`: the value is one of the paths or lies below one of them, compared component by component
 * (so `/etc` matches `/etc/passwd` but not `/etcd`); components may be globs (Falco ≥ 0.36).
 */
export function compilePathMatch(prefixes: readonly string[]): (value: string) => boolean {
  const literal: string[] = [];
  const globbed: ((v: string) => boolean)[][] = [];
  for (const p of prefixes) {
    const parts = pathComponents(p);
    if (parts.some((c) => /[*?[\\]/.test(c))) {
      globbed.push(parts.map((c) => (/[*?[\\]/.test(c) ? compileGlob(c) : (v: string) => v === c)));
    } else literal.push(parts.length === 0 ? '/' : `${p.startsWith('/') ? '/' : ''}${parts.join('/')}`);
  }
  const matchesLiteral = (value: string): boolean => {
    for (const p of literal) {
      if (p === '/') {
        if (value.startsWith('/')) return true;
      } else if (value.startsWith(p) && (value.length === p.length || value.charCodeAt(p.length) === 47)) {
        return true;
      }
    }
    return false;
  };
  if (globbed.length === 0) return matchesLiteral;
  return (value) => {
    if (matchesLiteral(value)) return true;
    const parts = pathComponents(value);
    return globbed.some(
      (prefix) => prefix.length <= parts.length && prefix.every((m, i) => m(parts[i] as string)),
    );
  };
}

/** `bcontains` takes hex bytes (`504b0304`); undefined when the text is not an even run of hex digits. */
export function compileBytesContains(hex: string): ((value: string) => boolean) | undefined {
  if (!/^(?:[0-9a-fA-F]{2})+$/.test(hex)) return undefined;
  const needle = Buffer.from(hex, 'hex');
  return (value) => Buffer.from(value, 'utf8').includes(needle);
}

/** 16 bytes; IPv4 is stored v4-mapped (::ffff:a.b.c.d) so both spellings of one address compare equal. */
export type IpBytes = Uint8Array;

function parseIpv4(text: string, out: Uint8Array, at: number): boolean {
  const parts = text.split('.');
  if (parts.length !== 4) return false;
  for (let i = 0; i < 4; i++) {
    const p = parts[i] as string;
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return false;
    out[at + i] = Number(p);
  }
  return true;
}

function parseIpv6Groups(text: string, allowV4Tail: boolean): number[] | undefined {
  if (text === '') return [];
  const groups = text.split(':');
  const words: number[] = [];
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i] as string;
    if (allowV4Tail && i === groups.length - 1 && g.includes('.')) {
      const v4 = new Uint8Array(4);
      if (!parseIpv4(g, v4, 0)) return undefined;
      words.push(((v4[0] as number) << 8) | (v4[1] as number), ((v4[2] as number) << 8) | (v4[3] as number));
    } else if (/^[0-9a-fA-F]{1,4}$/.test(g)) words.push(Number.parseInt(g, 16));
    else return undefined;
  }
  return words;
}

/** An IPv4 or IPv6 address (RFC 4291 §2.2 text forms, including `::` and a trailing dotted quad). */
export function parseIp(text: string): IpBytes | undefined {
  const out = new Uint8Array(16);
  if (!text.includes(':')) {
    out[10] = 0xff;
    out[11] = 0xff;
    return parseIpv4(text, out, 12) ? out : undefined;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = parseIpv6Groups(halves[0] as string, halves.length === 1);
  const tail = halves.length === 2 ? parseIpv6Groups(halves[1] as string, true) : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const words = [...head, ...new Array<number>(missing).fill(0), ...tail];
  for (let i = 0; i < 8; i++) {
    out[2 * i] = (words[i] as number) >> 8;
    out[2 * i + 1] = (words[i] as number) & 0xff;
  }
  return out;
}

export interface IpNetwork {
  readonly bytes: IpBytes;
  /** Prefix length over the 16-byte form (an IPv4 /8 is 96 + 8). */
  readonly bits: number;
}

/** `10.0.0.0/8`, `fd00::/8`, or a single address (a /32 or /128). */
export function parseNetwork(text: string): IpNetwork | undefined {
  const slash = text.indexOf('/');
  const addr = slash < 0 ? text : text.slice(0, slash);
  const bytes = parseIp(addr);
  if (!bytes) return undefined;
  const isV4 = !addr.includes(':');
  const max = isV4 ? 32 : 128;
  if (slash < 0) return { bytes, bits: 128 };
  const suffix = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(suffix) || Number(suffix) > max) return undefined;
  return { bytes, bits: Number(suffix) + (isV4 ? 96 : 0) };
}

export function isInNetwork(ip: IpBytes, net: IpNetwork): boolean {
  let bits = net.bits;
  for (let i = 0; i < 16 && bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if (((ip[i] as number) & mask) !== ((net.bytes[i] as number) & mask)) return false;
  }
  return true;
}

const ipCache = new Map<string, IpBytes | null>();
const IP_CACHE_LIMIT = 4096;

/** Event-side parse with a bounded cache: the same few peers recur on a host. */
export function parseEventIp(text: string): IpBytes | null {
  let ip = ipCache.get(text);
  if (ip === undefined) {
    ip = parseIp(text) ?? null;
    if (ipCache.size >= IP_CACHE_LIMIT) ipCache.clear();
    ipCache.set(text, ip);
  }
  return ip;
}

/** True when the event's address lies in any of the networks (a single address is a full-length network). */
export function compileNetworkMatch(networks: readonly IpNetwork[]): (value: string) => boolean {
  return (value) => {
    const ip = parseEventIp(value);
    return ip !== null && networks.some((n) => isInNetwork(ip, n));
  };
}
