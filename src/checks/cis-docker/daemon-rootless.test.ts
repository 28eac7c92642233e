import { describe, expect, it } from 'vitest';
import { makeSnapshot } from '../../../test/support/snapshot.js';
import { evaluateOne } from '../__fixtures__/evaluate.js';
import { daemonRootless } from './daemon-rootless.js';

describe('2.1 rootless daemon', () => {
  it('passes a rootless daemon', () => {
    expect(evaluateOne(daemonRootless, makeSnapshot({ daemon: { isRootless: true } })).status).toBe('pass');
  });

  it('leaves a root daemon to a person, since "if possible" is a judgement', () => {
    const result = evaluateOne(daemonRootless, makeSnapshot({ daemon: { isRootless: false } }));
    expect(result.status).toBe('manual');
    expect(result.evidence).toContain('no name=rootless');
  });
});
