import { describe, expect, it } from 'vitest';
import { type AuditEntry, type StoredAuditEntry, sealEntry } from '../core/audit/audit-entry.js';
import { toStored } from './chain.js';
import { joinRanges, type RangeVerdict, verifyRange } from './verify.js';

function chain(length: number): StoredAuditEntry[] {
  const entries: AuditEntry[] = [];
  for (let i = 0; i < length; i++) {
    const draft = { actor: 'alice', action: 'finding.opened', subject: `container:c${i}`, data: { n: i } };
    entries.push(sealEntry(entries.at(-1), draft, new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString()));
  }
  return entries.map((e) => toStored(e) as StoredAuditEntry);
}

/** The trail cut into ranges of `size`, each verified alone, then joined. */
async function inRanges(entries: readonly StoredAuditEntry[], size: number, last: number) {
  const ranges: RangeVerdict[] = [];
  for (let from = 1; from <= last; from += size) {
    const to = Math.min(last, from + size - 1);
    ranges.push(
      await verifyRange([entries.filter((e) => e.seq >= from)], { from, to, checkpointHashes: new Map() }),
    );
  }
  return joinRanges(ranges, { pending: [], failures: [] }, 1);
}

describe('range verification, joined', () => {
  const entries = chain(30);

  it('an intact trail verifies the same in one range or in several', async () => {
    expect(await inRanges(entries, 30, 30)).toEqual({
      ok: true,
      entries: 30,
      firstSeq: 1,
      lastSeq: 30,
      checkpoints: 0,
    });
    expect(await inRanges(entries, 7, 30)).toEqual({
      ok: true,
      entries: 30,
      firstSeq: 1,
      lastSeq: 30,
      checkpoints: 0,
    });
  });

  it('an entry removed at a range boundary is named, whichever side of it', async () => {
    for (const removed of [7, 8, 15]) {
      const cut = entries.filter((e) => e.seq !== removed);
      expect(await inRanges(cut, 7, 30)).toMatchObject({
        ok: false,
        seq: removed,
        reason: expect.stringMatching(/missing/),
      });
    }
  });

  it('an entry replaced wholesale (re-hashed) at the start of a range breaks the join, not the range', async () => {
    const forged = sealEntry(
      { seq: 7, hash: 'f'.repeat(64) },
      { actor: 'mallory', action: 'x', subject: 'y', data: {} },
      '2026-01-01T00:00:00.000Z',
    );
    const swapped = entries.map((e) => (e.seq === 8 ? (toStored(forged) as StoredAuditEntry) : e));
    expect(await inRanges(swapped, 7, 30)).toMatchObject({
      ok: false,
      seq: 8,
      reason: expect.stringMatching(/prevHash does not match the hash of entry 7/),
    });
  });

  it('the earliest break wins across ranges', async () => {
    const altered = entries.map((e) =>
      e.seq === 25 || e.seq === 12 ? { ...e, canonicalData: '{"n":-1}' } : e,
    );
    expect(await inRanges(altered, 7, 30)).toMatchObject({
      ok: false,
      seq: 12,
      reason: expect.stringMatching(/altered/),
    });
  });

  it('a range that ends early (entries deleted at the tail of the range) is named', async () => {
    const cut = entries.filter((e) => e.seq < 19 || e.seq > 21);
    expect(await inRanges(cut, 7, 30)).toMatchObject({ ok: false, seq: 19 });
  });

  it('a checkpoint beyond the last entry says the trail was cut short', () => {
    const range: RangeVerdict = { from: 1, count: 3, last: { seq: 3, hash: 'h' } };
    const pending = [{ seq: 5, hash: 'h', time: 't', keyId: 'k', signature: 's' }];
    expect(joinRanges([range], { pending, failures: [] }, 1)).toMatchObject({
      ok: false,
      seq: 4,
      reason: expect.stringMatching(/entries 4 to 5 are missing/),
    });
  });
});
