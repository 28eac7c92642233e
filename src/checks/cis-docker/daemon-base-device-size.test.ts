import { describe, expect, it } from 'vitest';
import { makeSnapshot } from '../../../test/support/snapshot.js';
import { evaluateOne } from '../__fixtures__/evaluate.js';
import { daemonBaseDeviceSize } from './daemon-base-device-size.js';

describe('2.11 base device size', () => {
  it('shows the storage options for a person to confirm', () => {
    const snapshot = makeSnapshot({
      daemon: { storageDriver: 'devicemapper', options: { 'storage-opts': ['dm.basesize=50G'] } },
    });
    const result = evaluateOne(daemonBaseDeviceSize, snapshot);
    expect(result.status).toBe('manual');
    expect(result.evidence).toContain('storage driver devicemapper; storage-opts=["dm.basesize=50G"]');
  });
});
