// Parses bpftrace's `-f json` output lines into records of the program's wire format (see program.ts). Pure.

/** One record: its tag and its tab-separated fields, the last one (free text) kept whole. */
export interface BpftraceRecord {
  readonly tag: string;
  readonly fields: readonly string[];
}

export type BpftraceLine =
  | { readonly kind: 'record'; readonly record: BpftraceRecord }
  | { readonly kind: 'lost'; readonly count: number }
  | { readonly kind: 'other' }
  | { readonly kind: 'malformed'; readonly reason: string };

/** Fields per tag, the free-text last one included; a record with fewer fields is malformed. */
export const RECORD_FIELDS: Readonly<Record<string, number>> = {
  B: 2,
  X: 10,
  XA: 4,
  XC: 5,
  F: 4,
  E: 2,
  C: 12,
  N: 12,
  O: 9,
  U: 10,
  P: 9,
  MT: 8,
  UL: 8,
  RN: 8,
  SL: 8,
  IM: 7,
  D: 12,
  K: 3,
};

/** A line longer than this is not one of our records (strings are bounded by BPFTRACE_STRLEN). */
export const MAX_LINE_BYTES = 8192;

/** Splits into `count` fields; the last takes the rest of the text, tabs included. */
function splitFields(data: string, count: number): string[] | undefined {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < count - 1; i++) {
    const tab = data.indexOf('\t', start);
    if (tab < 0) return undefined;
    out.push(data.slice(start, tab));
    start = tab + 1;
  }
  out.push(data.slice(start));
  return out;
}

export function parseLine(line: string): BpftraceLine {
  if (line.length > MAX_LINE_BYTES)
    return { kind: 'malformed', reason: `line longer than ${MAX_LINE_BYTES}` };
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { kind: 'malformed', reason: 'not JSON' };
  }
  if (typeof value !== 'object' || value === null) return { kind: 'malformed', reason: 'not an object' };
  const { type, data } = value as { type?: unknown; data?: unknown };
  if (type === 'lost_events') {
    const events = (data as { events?: unknown } | null)?.events;
    return typeof events === 'number' && Number.isFinite(events) && events >= 0
      ? { kind: 'lost', count: events }
      : { kind: 'malformed', reason: 'lost_events without a count' };
  }
  if (type !== 'printf') return { kind: 'other' };
  if (typeof data !== 'string') return { kind: 'malformed', reason: 'printf without text' };
  const text = data.endsWith('\n') ? data.slice(0, -1) : data;
  const tab = text.indexOf('\t');
  const tag = tab < 0 ? text : text.slice(0, tab);
  const count = RECORD_FIELDS[tag];
  if (count === undefined) return { kind: 'malformed', reason: `unknown record tag ${JSON.stringify(tag)}` };
  const fields = splitFields(text.slice(tab + 1), count);
  if (fields === undefined) return { kind: 'malformed', reason: `record ${tag} has too few fields` };
  return { kind: 'record', record: { tag, fields } };
}

/**
 * Decodes bpftrace's `%r` rendering of a buffer: `\xNN` escapes become bytes. A literal backslash is not escaped
 * by bpftrace 0.17, so a typed `\x00` in an argument reads as a separator: it can add a split, never hide one.
 */
export function decodeBuffer(text: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\' && text[i + 1] === 'x' && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 2, i + 4))) {
      bytes.push(Number.parseInt(text.slice(i + 2, i + 4), 16));
      i += 3;
    } else {
      for (const b of Buffer.from(text[i] as string, 'utf8')) bytes.push(b);
    }
  }
  return Buffer.from(bytes);
}

/** argv from the exec's NUL-separated argument block. */
export function splitArgv(block: Buffer): string[] {
  const text = block.toString('utf8');
  const parts = text.split('\0');
  if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}
