import { describe, expect, it } from 'vitest';
import type { Subject } from '../core/result/check-result.js';
import { countOf, describeSubject, displayName, formatTime } from './wording.js';

describe('wording', () => {
  it.each`
    count | text
    ${0}  | ${'0 problems'}
    ${1}  | ${'1 problem'}
    ${12} | ${'12 problems'}
  `('countOf($count)', ({ count, text }: { count: number; text: string }) => {
    expect(countOf(count, 'problem')).toBe(text);
  });

  it.each`
    subject                                                | text
    ${{ kind: 'container', id: 'c1', name: '/web' }}       | ${'container web'}
    ${{ kind: 'container', id: 'c1', name: '' }}           | ${'container c1'}
    ${{ kind: 'image', id: 'sha256:ab', name: 'nginx:1' }} | ${'image nginx:1'}
    ${{ kind: 'daemon', id: '', name: '' }}                | ${'daemon'}
  `('describes $subject.kind subjects', ({ subject, text }: { subject: Subject; text: string }) => {
    expect(describeSubject(subject)).toBe(text);
  });

  it('drops the leading slash only from container names', () => {
    expect(displayName({ kind: 'container', id: 'c', name: '//web' })).toBe('web');
    expect(displayName({ kind: 'host', id: 'h', name: '/srv' })).toBe('/srv');
  });

  it('formats times in UTC, whatever the offset given, and shows an unparsable time as it is', () => {
    expect(formatTime('2026-11-22T08:02:04.000Z')).toBe('22 Nov 2026 08:02 UTC');
    expect(formatTime('2026-01-01T01:30:00+02:00')).toBe('31 Dec 2025 23:30 UTC');
    expect(formatTime('yesterday')).toBe('yesterday');
  });
});
