import { describe, expect, it } from 'vitest';
import { makeContainer, makeSnapshot } from '../../../test/support/snapshot.js';
import { evaluateOne } from '../__fixtures__/evaluate.js';
import { containerCgroup } from './container-cgroup.js';

describe('5.25 cgroup parent', () => {
  it('passes the default parent', () => {
    expect(evaluateOne(containerCgroup, makeSnapshot())).toMatchObject({
      status: 'pass',
      evidence: "HostConfig.CgroupParent='' (daemon default)",
    });
  });

  it('asks a person to confirm a custom parent', () => {
    const snapshot = makeSnapshot({
      containers: [makeContainer({ resources: { cgroupParent: '/custom' } })],
    });
    expect(evaluateOne(containerCgroup, snapshot)).toMatchObject({
      status: 'manual',
      evidence: 'HostConfig.CgroupParent=/custom: confirm this cgroup is intended',
    });
  });
});
