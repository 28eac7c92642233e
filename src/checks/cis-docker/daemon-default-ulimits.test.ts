import { describe, expect, it } from 'vitest';
import { makeSnapshot } from '../../../test/support/snapshot.js';
import { evaluateOne } from '../__fixtures__/evaluate.js';
import { daemonDefaultUlimits } from './daemon-default-ulimits.js';

describe('2.8 default ulimits', () => {
  it('passes and shows the configured defaults', () => {
    const result = evaluateOne(daemonDefaultUlimits, makeSnapshot());
    expect(result.status).toBe('pass');
    expect(result.evidence).toContain('default-ulimits=');
    expect(result.evidence).toContain('nofile');
  });

  it('asks a person when none is configured', () => {
    const snapshot = makeSnapshot({ daemon: { options: { 'default-ulimits': undefined } } });
    expect(evaluateOne(daemonDefaultUlimits, snapshot).status).toBe('manual');
  });

  it('is an error when the configuration could not be read', () => {
    const snapshot = makeSnapshot({
      daemon: { options: { 'default-ulimits': undefined }, configErrors: ['x'] },
    });
    expect(evaluateOne(daemonDefaultUlimits, snapshot).status).toBe('error');
  });
});
