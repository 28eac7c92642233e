import { describe, expect, it } from 'vitest';
import { buildResult } from '../../test/support/build-assessment.js';
import type { Subject } from '../core/result/check-result.js';
import { countContainersByState, countFailuresBySeverity } from './tally.js';

const host: Subject = { kind: 'host', id: 'h', name: 'h' };

describe('countContainersByState', () => {
  it('counts each state and lists every state, zero when none', () => {
    const counts = countContainersByState([{ state: 'running' }, { state: 'running' }, { state: 'created' }]);
    expect(counts).toEqual({
      created: 1,
      running: 2,
      paused: 0,
      restarting: 0,
      removing: 0,
      exited: 0,
      dead: 0,
    });
  });
});

describe('countFailuresBySeverity', () => {
  it('counts failures only', () => {
    const results = [
      buildResult({ checkId: 'a', status: 'fail', severity: 'critical', subject: host }),
      buildResult({ checkId: 'b', status: 'fail', severity: 'critical', subject: host }),
      buildResult({ checkId: 'c', status: 'pass', severity: 'critical', subject: host }),
      buildResult({ checkId: 'd', status: 'error', severity: 'high', subject: host }),
      buildResult({ checkId: 'e', status: 'fail', severity: 'info', subject: host }),
    ];
    expect(countFailuresBySeverity(results)).toEqual({ critical: 2, high: 0, medium: 0, low: 0, info: 1 });
  });
});
