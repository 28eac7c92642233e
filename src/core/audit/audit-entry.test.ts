import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  CanonicalJsonError,
  canonicalize,
  GENESIS_HASH,
  hashEntry,
  sealEntry,
  toAuditEntry,
  validateDraft,
} from './audit-entry.js';

describe('canonicalize', () => {
  it.each([
    [
      'keys sorted at every depth',
      { b: 1, a: { d: [3, { z: 0, y: 1 }], c: null } },
      '{"a":{"c":null,"d":[3,{"y":1,"z":0}]},"b":1}',
    ],
    [
      'keys sorted by UTF-16 code units, not locale',
      { é: 1, z: 2, Z: 3, '😀': 4, '\uffff': 5 },
      // By code point U+FFFF would sort before U+1F600; by UTF-16 units the surrogate 0xD83D comes first.
      '{"Z":3,"z":2,"é":1,"😀":4,"\uffff":5}',
    ],
    ['numbers in shortest round-trip form', [1.5, 1e21, 1e-7, -0, 100], '[1.5,1e+21,1e-7,0,100]'],
    ['strings escaped as JSON.stringify does', ['a"b\\c\n\u0001', 'ü'], '["a\\"b\\\\c\\n\\u0001","ü"]'],
    ['booleans and null', [true, false, null], '[true,false,null]'],
    ['an empty object and array', { a: {}, b: [] }, '{"a":{},"b":[]}'],
  ])('%s', (_, value, expected) => {
    expect(canonicalize(value)).toBe(expected);
  });

  it.each([
    ['NaN', { a: Number.NaN }, '$.a'],
    ['Infinity', [1, Number.POSITIVE_INFINITY], '$[1]'],
    ['undefined', { a: { b: undefined } }, '$.a.b'],
    ['a bigint', { n: 1n }, '$.n'],
    ['a function', { f: () => 1 }, '$.f'],
    ['a Date (not a plain object)', { when: new Date(0) }, '$.when'],
  ])('refuses %s, naming where', (_, value, path) => {
    expect(() => canonicalize(value)).toThrow(CanonicalJsonError);
    try {
      canonicalize(value);
    } catch (err) {
      expect((err as CanonicalJsonError).path).toBe(path);
    }
  });

  it('refuses a cycle but accepts the same object twice side by side', () => {
    const shared = { x: 1 };
    expect(canonicalize({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalize(cyclic)).toThrow(/cycle/);
  });
});

describe('hashEntry', () => {
  it('is SHA-256 over the documented canonical bytes', () => {
    const entry = {
      seq: 1,
      time: '2024-05-01T12:00:00.000Z',
      actor: 'alice@host',
      action: 'finding.opened',
      subject: 'finding:abc',
      data: { b: 'ü', a: 1 },
      prevHash: GENESIS_HASH,
    };
    const bytes =
      '{"action":"finding.opened","actor":"alice@host","data":{"a":1,"b":"ü"},' +
      `"prevHash":"${GENESIS_HASH}","seq":1,"subject":"finding:abc","time":"2024-05-01T12:00:00.000Z"}`;
    expect(canonicalize(entry)).toBe(bytes);
    expect(hashEntry(entry)).toBe(createHash('sha256').update(Buffer.from(bytes, 'utf8')).digest('hex'));
  });

  it('changes with any field', () => {
    const base = {
      seq: 2,
      time: 't',
      actor: 'a',
      action: 'x',
      subject: 's',
      data: { n: 1 },
      prevHash: GENESIS_HASH,
    };
    const hashes = new Set([
      hashEntry(base),
      hashEntry({ ...base, seq: 3 }),
      hashEntry({ ...base, time: 'u' }),
      hashEntry({ ...base, actor: 'b' }),
      hashEntry({ ...base, action: 'y' }),
      hashEntry({ ...base, subject: 't' }),
      hashEntry({ ...base, data: { n: 2 } }),
      hashEntry({ ...base, prevHash: '1'.repeat(64) }),
    ]);
    expect(hashes.size).toBe(8);
  });
});

describe('sealEntry', () => {
  const draft = { actor: 'a', action: 'x.y', subject: 's:1', data: { k: 'v' } };

  it('starts the chain at seq 1 from 64 zeros, then links each entry to the one before', () => {
    const first = sealEntry(undefined, draft, '2024-05-01T12:00:00.000Z');
    expect(first).toMatchObject({ seq: 1, prevHash: GENESIS_HASH });
    const { hash, ...unsealed } = first;
    expect(hash).toBe(hashEntry(unsealed));
    const second = sealEntry(first, draft, '2024-05-01T12:00:01.000Z');
    expect(second).toMatchObject({ seq: 2, prevHash: first.hash });
    expect(second.hash).not.toBe(first.hash);
  });
});

describe('validateDraft', () => {
  it.each([
    ['an empty actor', { actor: '', action: 'a', subject: 's', data: {} }, /actor/],
    ['data that is an array', { actor: 'a', action: 'a', subject: 's', data: [] }, /JSON object/],
    [
      'oversized data',
      { actor: 'a', action: 'a', subject: 's', data: { big: 'x'.repeat(70_000) } },
      /exceeds/,
    ],
  ])('refuses %s', (_, draft, message) => {
    expect(() => validateDraft(draft as never)).toThrow(message);
  });
});

describe('toAuditEntry', () => {
  const stored = {
    seq: 1,
    time: 't',
    actor: 'a',
    action: 'x',
    subject: 's',
    prevHash: GENESIS_HASH,
    hash: 'h',
    canonicalData: '{"a":1}',
  };

  it('parses the stored data', () => {
    expect(toAuditEntry(stored)?.data).toEqual({ a: 1 });
  });

  it.each(['{"a":', '[1]', 'null'])('is undefined for damaged data %s', (canonicalData) => {
    expect(toAuditEntry({ ...stored, canonicalData })).toBeUndefined();
  });
});
