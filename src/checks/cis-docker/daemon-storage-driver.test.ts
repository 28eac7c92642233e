import { describe, expect, it } from 'vitest';
import { makeSnapshot } from '../../../test/support/snapshot.js';
import { evaluateOne } from '../__fixtures__/evaluate.js';
import { daemonStorageDriver } from './daemon-storage-driver.js';

describe('2.6 storage driver', () => {
  it.each`
    storageDriver | status
    ${'overlay2'} | ${'pass'}
    ${'aufs'}     | ${'fail'}
    ${''}         | ${'error'}
  `('$storageDriver → $status', ({ storageDriver, status }) => {
    expect(evaluateOne(daemonStorageDriver, makeSnapshot({ daemon: { storageDriver } })).status).toBe(status);
  });
});
