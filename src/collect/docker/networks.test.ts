import { describe, expect, it } from 'vitest';
import { normalizeNetworks } from './networks.js';

describe('normalizeNetworks', () => {
  it("reads attachments from the containers' own inspect output, never-started ones by network name", () => {
    const networks = normalizeNetworks(
      [
        {
          Id: 'n1',
          Name: 'bridge',
          Driver: 'bridge',
          Scope: 'local',
          Options: { 'com.docker.network.bridge.default_bridge': 'true' },
        },
        { Id: 'n2', Name: 'backend', Driver: 'bridge', Scope: 'local', Internal: true },
        { Id: 'n3', Name: 'host', Driver: 'host', Scope: 'local', Options: null },
      ],
      [
        {
          Id: 'c1',
          NetworkSettings: { Networks: { bridge: { NetworkID: 'n1' }, backend: { NetworkID: 'n2' } } },
        },
        {
          Id: 'c2',
          State: { Status: 'created' },
          NetworkSettings: { Networks: { backend: { NetworkID: 'n2' } } },
        },
        { Id: 'c3', NetworkSettings: { Networks: { gone: { NetworkID: '' } } } },
        {
          Id: 'c5',
          State: { Status: 'created' },
          NetworkSettings: { Networks: { host: { NetworkID: '' } } },
        },
        { Id: 'c4', NetworkSettings: null },
      ],
    );
    expect(networks).toEqual([
      {
        id: 'n1',
        name: 'bridge',
        driver: 'bridge',
        scope: 'local',
        isInternal: false,
        options: { 'com.docker.network.bridge.default_bridge': 'true' },
        containerIds: ['c1'],
      },
      {
        id: 'n2',
        name: 'backend',
        driver: 'bridge',
        scope: 'local',
        isInternal: true,
        options: {},
        containerIds: ['c1', 'c2'],
      },
      {
        id: 'n3',
        name: 'host',
        driver: 'host',
        scope: 'local',
        isInternal: false,
        options: {},
        containerIds: ['c5'],
      },
    ]);
  });
});
