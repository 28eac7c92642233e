import { describe, expect, it } from 'vitest';
import { makeNetwork, makeSnapshot } from '../../../test/support/snapshot.js';
import { evaluate } from '../__fixtures__/evaluate.js';
import { swarmOverlayEncryption } from './swarm-overlay-encryption.js';

const active = { swarm: { state: 'active', isManager: true } };

describe('7.3 overlay encryption', () => {
  it('judges each overlay network', () => {
    const networks = [
      makeNetwork({ id: 'n1', name: 'secure', driver: 'overlay', options: { encrypted: '' } }),
      makeNetwork({ id: 'n2', name: 'ingress', driver: 'overlay', options: {} }),
      makeNetwork({ id: 'n3', name: 'local', driver: 'bridge' }),
    ];
    const results = evaluate(swarmOverlayEncryption, makeSnapshot({ daemon: active, networks }));
    expect(results.map((r) => [r.subject, r.status, r.evidence])).toEqual([
      [
        { kind: 'network', id: 'n1', name: 'secure' },
        'pass',
        'Options.encrypted set on overlay network secure',
      ],
      [
        { kind: 'network', id: 'n2', name: 'ingress' },
        'fail',
        'overlay network ingress has no encrypted option',
      ],
    ]);
  });

  it('is not applicable without overlay networks or outside a swarm', () => {
    expect(evaluate(swarmOverlayEncryption, makeSnapshot({ daemon: active })).map((r) => r.status)).toEqual([
      'not-applicable',
    ]);
    const networks = [makeNetwork({ driver: 'overlay' })];
    const [result] = evaluate(swarmOverlayEncryption, makeSnapshot({ networks }));
    expect(result).toMatchObject({ status: 'not-applicable', subject: { kind: 'daemon' } });
  });
});
