import { describe, expect, it } from 'vitest';
import { createLineSplitter } from './lines.js';

describe('createLineSplitter', () => {
  it('joins lines across chunks and drops the ones past the bound', () => {
    const lines: string[] = [];
    const split = createLineSplitter(8, (l) => lines.push(l));
    split.push(Buffer.from('ab'));
    split.push(Buffer.from('c\n0123456789'));
    split.push(Buffer.from('abc\nok\n\n'));
    expect(lines).toEqual(['abc', 'ok', '']);
    expect(split.dropped).toBe(1);
  });
});
