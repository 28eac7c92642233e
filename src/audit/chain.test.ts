import { describe, expect, it } from 'vitest';
import { type AuditEntry, GENESIS_HASH, sealEntry } from '../core/audit/audit-entry.js';
import { verifyChain } from './chain.js';

function buildChain(length: number): AuditEntry[] {
  const entries: AuditEntry[] = [];
  for (let i = 0; i < length; i += 1) {
    const draft = {
      actor: 'alice@host',
      action: 'finding.opened',
      subject: `finding:${i}`,
      data: { i, tags: ['a'] },
    };
    entries.push(sealEntry(entries.at(-1), draft, new Date(Date.UTC(2024, 4, 1, 12, 0, i)).toISOString()));
  }
  return entries;
}

/** Entry at seq (1-based) of a copy of the chain. */
function at(entries: AuditEntry[], seq: number): AuditEntry {
  const entry = entries[seq - 1];
  if (entry === undefined) throw new Error(`no entry ${seq}`);
  return entry;
}

describe('verifyChain', () => {
  it('accepts an intact chain, and an empty one', () => {
    expect(verifyChain(buildChain(20))).toEqual({ ok: true });
    expect(verifyChain([])).toEqual({ ok: true });
  });

  it('names an entry whose data was altered', () => {
    const chain = buildChain(10);
    chain[6] = { ...at(chain, 7), data: { i: 999, tags: ['a'] } };
    expect(verifyChain(chain)).toMatchObject({ ok: false, seq: 7, reason: expect.stringMatching(/altered/) });
  });

  it.each(['time', 'actor', 'action', 'subject'] as const)('names an entry whose %s was altered', (field) => {
    const chain = buildChain(5);
    chain[2] = { ...at(chain, 3), [field]: 'changed' };
    expect(verifyChain(chain)).toMatchObject({ ok: false, seq: 3 });
  });

  it('names the entry after one that was altered and re-hashed', () => {
    const chain = buildChain(10);
    const forged = sealEntry(at(chain, 3), { actor: 'mallory', action: 'x', subject: 'y', data: {} }, 'now');
    chain[3] = forged;
    expect(verifyChain(chain)).toMatchObject({
      ok: false,
      seq: 5,
      reason: expect.stringMatching(/prevHash/),
    });
  });

  it('names the seq of a removed entry', () => {
    const chain = buildChain(10);
    chain.splice(4, 1);
    expect(verifyChain(chain)).toMatchObject({
      ok: false,
      seq: 5,
      reason: 'entry 5 is missing or out of place (entry 6 comes next)',
    });
  });

  it('names the first entry after the chain was renumbered around an inserted one', () => {
    const chain = buildChain(10);
    // A forged entry slotted in as 5, the old 5..10 renumbered 6..11 but otherwise kept.
    const inserted = sealEntry(
      at(chain, 4),
      { actor: 'mallory', action: 'x', subject: 'y', data: {} },
      'now',
    );
    const renumbered = chain.slice(4).map((e) => ({ ...e, seq: e.seq + 1 }));
    expect(verifyChain([...chain.slice(0, 4), inserted, ...renumbered])).toMatchObject({ ok: false, seq: 6 });
  });

  it('names where a duplicated entry appears', () => {
    const chain = buildChain(6);
    chain.splice(3, 0, at(chain, 3));
    expect(verifyChain(chain)).toMatchObject({
      ok: false,
      seq: 4,
      reason: 'expected entry 4 but found entry 3 (inserted or reordered)',
    });
  });

  it('names the first of two swapped entries, whether their places or their seqs were swapped', () => {
    const chain = buildChain(8);
    const placesSwapped = [...chain];
    [placesSwapped[2], placesSwapped[3]] = [at(chain, 4), at(chain, 3)];
    expect(verifyChain(placesSwapped)).toMatchObject({ ok: false, seq: 3 });

    const seqsSwapped = [...chain];
    seqsSwapped[2] = { ...at(chain, 4), seq: 3 };
    seqsSwapped[3] = { ...at(chain, 3), seq: 4 };
    expect(verifyChain(seqsSwapped)).toMatchObject({ ok: false, seq: 3 });
  });

  it('refuses a first entry that does not start from 64 zeros', () => {
    const chain = buildChain(3)
      .slice(1)
      .map((e) => ({ ...e, seq: e.seq - 1 }));
    expect(verifyChain(chain)).toMatchObject({ ok: false, seq: 1 });
  });

  it('verifies from a later seq, trusting only the first entry’s link', () => {
    const chain = buildChain(10);
    expect(verifyChain(chain.slice(5), { from: 6 })).toEqual({ ok: true });
    expect(verifyChain(chain.slice(5), { from: 5 })).toMatchObject({ ok: false, seq: 5 });
    const tampered = chain.slice(5);
    tampered[2] = { ...at(chain, 8), subject: 'changed' };
    expect(verifyChain(tampered, { from: 6 })).toMatchObject({ ok: false, seq: 8 });
  });

  it('reports data with no JSON form as a break, not a crash', () => {
    const chain = buildChain(3);
    chain[1] = { ...at(chain, 2), data: { n: Number.NaN } };
    expect(verifyChain(chain)).toMatchObject({
      ok: false,
      seq: 2,
      reason: expect.stringMatching(/canonical/),
    });
  });

  it('uses the documented genesis hash', () => {
    expect(at(buildChain(1), 1).prevHash).toBe(GENESIS_HASH);
    expect(GENESIS_HASH).toMatch(/^0{64}$/);
  });
});
