import { describe, expect, it } from 'vitest';
import { makeContainer, makeSnapshot } from '../../../test/support/snapshot.js';
import { evaluateOne } from '../__fixtures__/evaluate.js';
import { containerUlimits } from './container-ulimits.js';

describe('5.19 ulimit overrides', () => {
  it('passes when the daemon defaults apply', () => {
    expect(evaluateOne(containerUlimits, makeSnapshot()).status).toBe('pass');
  });

  it('shows each override for a person', () => {
    const ulimits = [{ name: 'nofile', soft: 65536, hard: 65536 }];
    const result = evaluateOne(
      containerUlimits,
      makeSnapshot({ containers: [makeContainer({ resources: { ulimits } })] }),
    );
    expect(result).toMatchObject({
      status: 'manual',
      evidence: 'HostConfig.Ulimits: nofile=65536:65536: confirm each override is needed',
    });
  });
});
