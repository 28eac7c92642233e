import { describe, expect, it } from 'vitest';
import type { ContainerInfo } from '../sensor/sensor.js';
import { createFleetDrift, IMAGE_CHANGED_RULE, ROGUE_CONTAINER_RULE } from './fleet-drift.js';

const now = new Date('2026-11-22T10:00:00Z');

function container(overrides: Partial<ContainerInfo> = {}): ContainerInfo {
  return {
    id: 'c'.repeat(64),
    name: 'web',
    image: 'registry.local/shop/web:1.4',
    imageId: 'sha256:aaaa',
    labels: {},
    privileged: false,
    upperDir: null,
    workload: null,
    initPid: 4242,
    ...overrides,
  };
}

describe('fleet drift', () => {
  it('raises a critical alert for a container of an image no expected glob names, running or started', () => {
    const drift = createFleetDrift({ expectedImages: ['registry.local/shop/*', 'postgres:16*'] });
    expect(drift.observe(container(), 'started', now)).toEqual([]);
    expect(drift.observe(container({ name: 'db', image: 'postgres:16.4' }), 'running', now)).toEqual([]);
    const [rogue] = drift.observe(container({ name: 'xmr', image: 'miner/xmrig:latest' }), 'started', now);
    expect(rogue).toMatchObject({
      rule: ROGUE_CONTAINER_RULE,
      priority: 'critical',
      time: now.toISOString(),
      tags: ['coastguard', 'drift'],
      container: { name: 'xmr', image: 'miner/xmrig:latest' },
    });
    expect(rogue?.output).toBe(
      'Container xmr started from image miner/xmrig:latest, which is not among the expected images',
    );
    expect(drift.observe(container({ image: 'miner/xmrig' }), 'running', now)[0]?.output).toMatch(
      /is running/,
    );
  });

  it('expects nothing in particular without a list', () => {
    const drift = createFleetDrift({ expectedImages: [] });
    expect(drift.observe(container({ image: 'anything:at-all' }), 'started', now)).toEqual([]);
  });

  it('raises an alert when a service runs another image id under the same reference, not for a new reference', () => {
    const drift = createFleetDrift({ expectedImages: [] });
    const service = { workload: 'shop/web', labels: { 'com.docker.compose.service': 'web' } };
    expect(drift.observe(container({ ...service, name: 'shop-web-1' }), 'running', now)).toEqual([]);
    const moved = drift.observe(
      container({ ...service, name: 'shop-web-2', id: 'd'.repeat(64), imageId: 'sha256:bbbb' }),
      'started',
      now,
    );
    expect(moved).toHaveLength(1);
    expect(moved[0]).toMatchObject({
      rule: IMAGE_CHANGED_RULE,
      priority: 'warning',
      fields: { 'drift.service': 'shop/web', 'drift.image.before': 'sha256:aaaa' },
    });
    // A deliberate upgrade to a new tag is not drift; nor is the same id again.
    expect(
      drift.observe(
        container({ ...service, image: 'registry.local/shop/web:1.5', imageId: 'sha256:cccc' }),
        'started',
        now,
      ),
    ).toEqual([]);
    expect(
      drift.observe(
        container({ ...service, image: 'registry.local/shop/web:1.5', imageId: 'sha256:cccc' }),
        'started',
        now,
      ),
    ).toEqual([]);
  });

  it('keys services by container name when no orchestrator names them, and forgets the oldest beyond its bound', () => {
    const drift = createFleetDrift({ expectedImages: [] });
    drift.observe(container({ name: 'api' }), 'running', now);
    for (let i = 0; i < 10_000; i += 1) drift.observe(container({ name: `n${i}` }), 'started', now);
    // `api` was forgotten: a different id under its reference is a first sighting again.
    expect(drift.observe(container({ name: 'api', imageId: 'sha256:ffff' }), 'started', now)).toEqual([]);
    expect(drift.observe(container({ name: 'n9999', imageId: 'sha256:ffff' }), 'started', now)).toHaveLength(
      1,
    );
  });
});
