import { describe, expect, it } from 'vitest';
import { makeSnapshot } from '../../../test/support/snapshot.js';
import { evaluateOne } from '../__fixtures__/evaluate.js';
import { hostEngineVersion } from './host-engine-version.js';

describe('1.2.2 engine version', () => {
  it('reports the exact engine version on the daemon subject', () => {
    const result = evaluateOne(hostEngineVersion, makeSnapshot({ daemon: { serverVersion: '20.10.24' } }));
    expect(result).toMatchObject({
      status: 'manual',
      subject: { kind: 'daemon', id: 'host-1', name: 'dockerd' },
    });
    expect(result.evidence).toContain('Docker Engine 20.10.24 (API 1.43)');
  });

  it('is an error when the engine did not report a version', () => {
    expect(evaluateOne(hostEngineVersion, makeSnapshot({ daemon: { serverVersion: '' } })).status).toBe(
      'error',
    );
  });
});
