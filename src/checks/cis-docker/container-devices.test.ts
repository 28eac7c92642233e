import { describe, expect, it } from 'vitest';
import { makeContainer, makeSnapshot } from '../../../test/support/snapshot.js';
import { evaluateOne } from '../__fixtures__/evaluate.js';
import { containerDevices } from './container-devices.js';

describe('5.18 host devices', () => {
  it('passes without devices', () => {
    expect(evaluateOne(containerDevices, makeSnapshot())).toMatchObject({
      status: 'pass',
      evidence: 'HostConfig.Devices=[]',
    });
  });

  it('lists mapped devices for a person', () => {
    const devices = [{ pathOnHost: '/dev/fuse', pathInContainer: '/dev/fuse', permissions: 'rwm' }];
    const result = evaluateOne(containerDevices, makeSnapshot({ containers: [makeContainer({ devices })] }));
    expect(result).toMatchObject({
      status: 'manual',
      evidence: 'HostConfig.Devices: /dev/fuse → /dev/fuse (rwm): confirm each device is needed',
    });
  });

  it('fails a privileged container, which has every device', () => {
    const result = evaluateOne(
      containerDevices,
      makeSnapshot({ containers: [makeContainer({ isPrivileged: true })] }),
    );
    expect(result.status).toBe('fail');
  });
});
