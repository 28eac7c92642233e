import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { closeEngineClient, createEngineClient } from '../../collect/docker/engine-client.js';
import {
  createBpftraceSensor,
  createContainerTable,
  createDockerEventsSensor,
  createFalcoJsonSensor,
  createProcScanSensor,
  SENSOR_IDS,
  type Sensor,
} from './index.js';

describe('sensor registry', () => {
  it('lists one id per sensor folder', () => {
    const folders = readdirSync(import.meta.dirname, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
    expect(folders).toEqual([...SENSOR_IDS].sort());
  });

  it('gives each sensor its folder name as id, and a status before start', async () => {
    const client = await createEngineClient();
    try {
      const sensors: Record<(typeof SENSOR_IDS)[number], Sensor> = {
        bpftrace: createBpftraceSensor({ eventTypes: ['exec'] }),
        'docker-events': createDockerEventsSensor({ client, containers: createContainerTable(client) }),
        'falco-json': createFalcoJsonSensor({ path: '-', onAlert: () => {} }),
        'proc-scan': createProcScanSensor(),
      };
      for (const [id, sensor] of Object.entries(sensors)) {
        expect(sensor.id).toBe(id);
        expect(sensor.status()).toMatchObject({ id, state: 'stopped', events: 0, lost: 0 });
      }
    } finally {
      closeEngineClient(client);
    }
  });

  it('fails to start with the reason when bpftrace cannot run, and says so in its status', async () => {
    const sensor = createBpftraceSensor({ eventTypes: ['exec'], command: '/nonexistent/bpftrace' });
    await expect(sensor.start(() => {})).rejects.toThrow('bpftrace exited before attaching');
    expect(sensor.status()).toMatchObject({
      state: 'failed',
      note: expect.stringContaining('ENOENT'),
    });
  });
});
