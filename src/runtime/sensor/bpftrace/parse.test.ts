import { describe, expect, it } from 'vitest';
import { decodeBuffer, parseLine, splitArgv } from './index.js';

const printf = (data: string) => JSON.stringify({ type: 'printf', data });

describe('parseLine', () => {
  it('splits a record into its fields, keeping tabs in the free-text last field', () => {
    const parsed = parseLine(printf('O\t1\t2\t3\t0\t99\topenat\t241\t3\t/tmp/a\tb\n'));
    expect(parsed).toEqual({
      kind: 'record',
      record: { tag: 'O', fields: ['1', '2', '3', '0', '99', 'openat', '241', '3', '/tmp/a\tb'] },
    });
  });

  it('reads lost-event counts', () => {
    expect(parseLine('{"type": "lost_events", "data": {"events": 17}}')).toEqual({ kind: 'lost', count: 17 });
  });

  it.each([
    ['not JSON', 'not json'],
    ['printf without text', '{"type": "printf", "data": 3}'],
    ['unknown record tag "Z"', printf('Z\t1\n')],
    ['record O has too few fields', printf('O\t1\t2\n')],
    ['lost_events without a count', '{"type": "lost_events", "data": {}}'],
    ['line longer than 8192', `"${'x'.repeat(9000)}"`],
  ])('reports a malformed line: %s', (reason, line) => {
    expect(parseLine(line)).toEqual({ kind: 'malformed', reason });
  });

  it('ignores bpftrace lines of other types', () => {
    expect(parseLine('{"type": "attached_probes", "data": {"probes": 3}}')).toEqual({ kind: 'other' });
  });
});

describe('argument blocks', () => {
  it('decodes %r escapes and splits on NUL', () => {
    const block = decodeBuffer('sh\\x00-c\\x00echo "a\\x09b" \\x00');
    expect(splitArgv(block)).toEqual(['sh', '-c', 'echo "a\tb" ']);
  });

  it('keeps a backslash that is not an escape', () => {
    expect(decodeBuffer('a\\b\\xZZ').toString()).toBe('a\\b\\xZZ');
  });
});
