import { describe, expect, it } from 'vitest';
import { makeSnapshot } from '../../../test/support/snapshot.js';
import { evaluateOne } from '../__fixtures__/evaluate.js';
import { daemonCgroup } from './daemon-cgroup.js';

describe('2.10 default cgroup usage', () => {
  it('shows the default parent and the driver for a person to confirm', () => {
    const result = evaluateOne(daemonCgroup, makeSnapshot());
    expect(result).toMatchObject({ status: 'manual' });
    expect(result.evidence).toContain('cgroup-parent not set (default); cgroup driver systemd, cgroup v2');
  });

  it('shows a custom parent', () => {
    const snapshot = makeSnapshot({ daemon: { options: { 'cgroup-parent': '/docker-custom' } } });
    expect(evaluateOne(daemonCgroup, snapshot).evidence).toContain('cgroup-parent=/docker-custom');
  });
});
