import { describe, expect, it } from 'vitest';
import type { Alert } from '../core/runtime/alert.js';
import { createAlertAggregator } from './alert-aggregator.js';

function alert(time: number, output = 'shell in web', container = 'c1'): Alert {
  return {
    time: new Date(time).toISOString(),
    rule: 'Shell started in container',
    priority: 'notice',
    output,
    tags: [],
    container: { id: container, name: 'web', image: 'nginx' },
    fields: { 'proc.name': 'sh' },
  };
}

describe('createAlertAggregator', () => {
  it('writes the first alert, holds repeats, and summarises the window with count and first/last seen', () => {
    const agg = createAlertAggregator(1_000);
    expect(agg.add(alert(0), 0)).toMatchObject([{ count: 1 }]);
    expect(agg.add(alert(100), 100)).toEqual([]);
    expect(agg.add(alert(200), 200)).toEqual([]);
    expect(agg.flush(900)).toEqual([]);
    const [summary] = agg.flush(1_000);
    expect(summary).toMatchObject({
      count: 3,
      firstSeen: new Date(0).toISOString(),
      lastSeen: new Date(200).toISOString(),
    });
    expect(agg.flush(5_000)).toEqual([]);
  });

  it('keeps alerts of other containers or outputs apart', () => {
    const agg = createAlertAggregator(1_000);
    expect(agg.add(alert(0), 0)).toHaveLength(1);
    expect(agg.add(alert(1, 'shell in web', 'c2'), 1)).toHaveLength(1);
    expect(agg.add(alert(2, 'other output'), 2)).toHaveLength(1);
  });

  it('closes an expired window when the alert comes back, and writes nothing for a window without repeats', () => {
    const agg = createAlertAggregator(1_000);
    agg.add(alert(0), 0);
    agg.add(alert(10), 10);
    const lines = agg.add(alert(1_500), 1_500);
    expect(lines.map((l) => l.count)).toEqual([2, 1]);
    expect(agg.flush(Number.POSITIVE_INFINITY)).toEqual([]);
  });
});
