import { describe, expect, it } from 'vitest';
import { fitColumns } from './fit-columns.js';

describe('fitColumns', () => {
  it('keeps natural widths that fit', () => {
    expect(
      fitColumns(
        [
          { natural: 4, min: 3 },
          { natural: 10, min: 5 },
        ],
        20,
      ),
    ).toEqual([4, 10]);
  });

  it('shrinks the widest column first', () => {
    expect(
      fitColumns(
        [
          { natural: 10, min: 5 },
          { natural: 40, min: 10 },
        ],
        30,
      ),
    ).toEqual([10, 20]);
  });

  it('shares the shrinking once columns are equally wide', () => {
    expect(
      fitColumns(
        [
          { natural: 20, min: 5 },
          { natural: 20, min: 5 },
        ],
        30,
      ),
    ).toEqual([15, 15]);
  });

  it('never goes below a minimum, even when the row then overflows', () => {
    expect(
      fitColumns(
        [
          { natural: 8, min: 8 },
          { natural: 50, min: 20 },
        ],
        10,
      ),
    ).toEqual([8, 20]);
  });

  it('handles a huge cell without looping over its length', () => {
    expect(fitColumns([{ natural: 1_000_000, min: 10 }], 50)).toEqual([50]);
  });
});

describe('fitColumns with free text', () => {
  it('shrinks free text to its minimum before any identifier', () => {
    const columns = [
      { natural: 30, min: 10 },
      { natural: 40, min: 20, isFirstToGiveWay: true },
    ];
    expect(fitColumns(columns, 55)).toEqual([30, 25]);
    expect(fitColumns(columns, 45)).toEqual([25, 20]);
  });
});
