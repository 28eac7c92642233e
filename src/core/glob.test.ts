import { describe, expect, it } from 'vitest';
import { globToRegExp, matchesGlob } from './glob.js';

describe('globs', () => {
  it.each([
    ['finding.*', 'finding.opened', true],
    ['finding.*', 'xfinding.opened', false],
    ['*.opened', 'finding.opened', true],
    ['registry.local/payments/*', 'registry.local/payments/api:1.2', true],
    ['registry.local/payments/*', 'registry.local/paymentsX/api', false],
    ['web-?', 'web-1', true],
    ['web-?', 'web-12', false],
    ['a.b', 'axb', false],
    ['(x)+[y]', '(x)+[y]', true],
    ['*', 'multi\nline', true],
  ])('%s on %j → %s', (glob, value, expected) => {
    expect(globToRegExp(glob).test(value)).toBe(expected);
  });

  it('ignores case only when asked', () => {
    expect(matchesGlob('Crypto Miner started', ['crypto miner*'])).toBe(false);
    expect(matchesGlob('Crypto Miner started', ['crypto miner*'], { ignoreCase: true })).toBe(true);
    expect(matchesGlob('anything', [])).toBe(false);
  });
});
