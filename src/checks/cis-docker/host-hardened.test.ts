import { describe, expect, it } from 'vitest';
import { makeSnapshot } from '../../../test/support/snapshot.js';
import { evaluateOne } from '../__fixtures__/evaluate.js';
import { hostHardened } from './host-hardened.js';

describe('1.2.1 host hardened', () => {
  it('names the OS and kernel a person must assess', () => {
    const result = evaluateOne(hostHardened, makeSnapshot());
    expect(result.status).toBe('manual');
    expect(result.evidence).toContain('Debian GNU/Linux 12 (bookworm)');
    expect(result.evidence).toContain('6.1.0-18-amd64');
  });
});
