import { describe, expect, it } from 'vitest';
import { makeContainer, makeSnapshot } from '../../../test/support/snapshot.js';
import { evaluateOne } from '../__fixtures__/evaluate.js';
import { containerHealthcheck } from './container-healthcheck.js';

describe('5.27 health check', () => {
  it('passes with a health check and shows its status', () => {
    expect(evaluateOne(containerHealthcheck, makeSnapshot())).toMatchObject({
      status: 'pass',
      evidence: 'Config.Healthcheck.Test=CMD true (State.Health.Status=healthy)',
    });
  });

  it('fails without one', () => {
    const snapshot = makeSnapshot({
      containers: [makeContainer({ healthCheck: undefined, healthStatus: undefined })],
    });
    expect(evaluateOne(containerHealthcheck, snapshot).status).toBe('fail');
  });
});
