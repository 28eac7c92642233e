import { describe, expect, it } from 'vitest';
import { padTo, textWidth, toTerminalText, truncate } from './terminal-text.js';

describe('toTerminalText', () => {
  it.each`
    input                      | output
    ${'plain text'}            | ${'plain text'}
    ${'two\nlines\tand\rtabs'} | ${'two lines and tabs'}
    ${'\u001b[31mred'}         | ${'\\x1b[31mred'}
    ${'bell\u0007'}            | ${'bell\\x07'}
    ${'del\u007f c1\u009b'}    | ${'del\\x7f c1\\x9b'}
    ${'abc\u202eexe.txt'}      | ${'abc\\u202eexe.txt'}
    ${'ünïcødé ✓'}             | ${'ünïcødé ✓'}
  `('$input → $output', ({ input, output }: { input: string; output: string }) => {
    expect(toTerminalText(input)).toBe(output);
  });
});

describe('truncate', () => {
  it.each`
    text         | width | output
    ${'abcdef'}  | ${6}  | ${'abcdef'}
    ${'abcdefg'} | ${6}  | ${'abcde…'}
    ${'abc'}     | ${1}  | ${'…'}
    ${'abc'}     | ${0}  | ${''}
    ${'😀😀😀'}  | ${2}  | ${'😀…'}
  `('"$text" in $width', ({ text, width, output }: { text: string; width: number; output: string }) => {
    expect(truncate(text, width)).toBe(output);
  });
});

describe('padTo and textWidth', () => {
  it('count code points, not UTF-16 units', () => {
    expect(textWidth('😀a')).toBe(2);
    expect(padTo('😀', 3)).toBe('😀  ');
    expect(padTo('long', 2)).toBe('long');
  });
});
