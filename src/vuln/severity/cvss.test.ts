import { describe, expect, it } from 'vitest';
import type { Advisory } from '../../core/result/vulnerability.js';
import { assessSeverity, ratingOf, scoreCvss } from './cvss.js';

const base: Advisory = {
  id: 'T-1',
  modified: '2024-01-01T00:00:00Z',
  aliases: [],
  upstream: [],
  severity: [],
  affected: [],
  references: [],
};

describe('severity', () => {
  // Base scores from FIRST's calculators (CVSS v3.1 and v4.0 specification examples).
  it.each`
    vector                                                               | score
    ${'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'}                    | ${9.8}
    ${'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:N/A:H'}                    | ${5.9}
    ${'CVSS:3.0/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N'}                    | ${5.5}
    ${'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N'} | ${9.3}
  `('scores $vector as $score', ({ vector, score }) => {
    expect(scoreCvss(vector)?.baseScore).toBe(score);
  });

  it.each([
    'CVSS:3.1/AV:N',
    'CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
    'AV:N/AC:L/Au:N/C:P/I:P/A:P',
    'junk',
  ])('refuses %s', (vector) => {
    expect(scoreCvss(vector)).toBeUndefined();
  });

  it.each`
    score  | rating
    ${0}   | ${'info'}
    ${0.1} | ${'low'}
    ${3.9} | ${'low'}
    ${4}   | ${'medium'}
    ${7}   | ${'high'}
    ${9}   | ${'critical'}
  `('rates $score as $rating', ({ score, rating }) => {
    expect(ratingOf(score)).toBe(rating);
  });

  it('prefers a CVSS v4.0 vector to a v3.1 one', () => {
    const advisory = {
      ...base,
      severity: [
        { type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:N/A:H' },
        { type: 'CVSS_V4', score: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N' },
      ],
    };
    expect(assessSeverity(advisory)).toMatchObject({ severity: 'critical', cvss: { version: '4.0' } });
  });

  it('falls back to the record’s own rating, then to unknown (never low)', () => {
    expect(assessSeverity({ ...base, database_specific: { severity: 'MODERATE' } })).toEqual({
      severity: 'medium',
      source: 'record',
    });
    const broken = { ...base, severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/garbage' }] };
    expect(assessSeverity(broken)).toEqual({ severity: 'unknown', source: 'none' });
    const debian = {
      package: { ecosystem: 'Debian:12', name: 'apt' },
      ranges: [],
      versions: [],
      ecosystem_specific: { urgency: 'unimportant' },
    };
    expect(assessSeverity({ ...base, affected: [debian] }, debian).severity).toBe('info');
  });
});
