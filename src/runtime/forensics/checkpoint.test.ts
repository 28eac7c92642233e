import { describe, expect, it } from 'vitest';
import { runCriuCheck, summarizeCriuFailure } from './checkpoint.js';

describe('CRIU detection', () => {
  it('keeps the line that says what failed', () => {
    const output = [
      'Warn  (criu/kerndat.c:1103): CRIU was built without libnftables support',
      'Error (criu/vdso.c:613): vdso: Unexpected rt vDSO area bounds',
      'Error (criu/crtools.c:260): Could not initialize kernel features detection.',
    ].join('\n');
    expect(summarizeCriuFailure(output)).toBe('vdso: Unexpected rt vDSO area bounds');
  });

  it('says criu is missing rather than failing', async () => {
    expect(await runCriuCheck('/nonexistent/criu-cg-h6a')).toEqual({
      isOk: false,
      output: 'criu is not installed',
    });
  });
});
