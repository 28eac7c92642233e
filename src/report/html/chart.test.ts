import { describe, expect, it } from 'vitest';
import { renderSeverityBars, renderStatusDonut } from './chart.js';

function dashLengths(svg: string): number[] {
  return [...svg.matchAll(/stroke-dasharray="([\d.]+) /g)].map((m) => Number(m[1]));
}

describe('renderStatusDonut', () => {
  it('draws one segment per status present, together making the whole ring', () => {
    const svg = renderStatusDonut({ pass: 6, fail: 3, manual: 1, 'not-applicable': 0, error: 0 }).value;
    const lengths = dashLengths(svg);
    expect(lengths).toHaveLength(3);
    expect(lengths.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 6);
    expect(lengths[0]).toBeCloseTo(30, 6);
    expect(svg).toContain(
      'Results by status: 3 failed, 0 could not check, 1 needs review, 6 passed, 0 not applicable',
    );
    expect(svg).toContain('Passed: <strong>6</strong> <span class="muted">(60%)</span>');
  });

  it('draws an empty ring for no results', () => {
    const svg = renderStatusDonut({ pass: 0, fail: 0, manual: 0, 'not-applicable': 0, error: 0 }).value;
    expect(dashLengths(svg)).toEqual([]);
    expect(svg).toContain('Failed: <strong>0</strong> <span class="muted">(0%)</span>');
    expect(svg).not.toContain('NaN');
  });
});

describe('renderSeverityBars', () => {
  it('scales bars to the largest count and states every count', () => {
    const svg = renderSeverityBars({ critical: 4, high: 2, medium: 0, low: 1, info: 0 }).value;
    const widths = [...svg.matchAll(/<rect [^>]*width="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(widths).toEqual([200, 100, 0, 50, 0]);
    expect(svg).toContain('Problems by severity: 4 critical, 2 high, 0 medium, 1 low, 0 info');
  });
});
