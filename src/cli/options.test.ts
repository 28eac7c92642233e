import { describe, expect, it } from 'vitest';
import { isWarningEchoWanted } from './options.js';

const tty = { isTTY: true };
const pipe = { isTTY: false };

describe('isWarningEchoWanted', () => {
  it('leaves warnings to the table when it goes to the same terminal', () => {
    expect(isWarningEchoWanted({ format: 'table', output: undefined, stdout: tty, stderr: tty })).toBe(false);
    expect(isWarningEchoWanted({ format: 'table', output: '-', stdout: tty, stderr: tty })).toBe(false);
  });

  it.each([
    ['the table is redirected', { format: 'table', output: undefined, stdout: pipe, stderr: tty }],
    ['stderr is redirected', { format: 'table', output: undefined, stdout: tty, stderr: pipe }],
    ['the table goes to a file', { format: 'table', output: 'report.txt', stdout: tty, stderr: tty }],
    ['the format is json', { format: 'json', output: undefined, stdout: tty, stderr: tty }],
    ['the format is sarif, piped', { format: 'sarif', output: undefined, stdout: pipe, stderr: pipe }],
  ])('echoes them on stderr when %s', (_, report) => {
    expect(isWarningEchoWanted(report)).toBe(true);
  });
});
