import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { isCoastguardError } from '../core/errors.js';
import type { CheckResult } from '../core/result/check-result.js';
import { packResults, unpackResults } from './packed-results.js';

const results: CheckResult[] = [
  {
    checkId: 'container-privileged',
    cisId: '5.5',
    title: 'Privileged containers are not used',
    status: 'fail',
    severity: 'critical',
    subject: { kind: 'container', id: 'abc', name: 'web' },
    evidence: 'HostConfig.Privileged=true',
    remediation: 'Run without --privileged.',
  },
  {
    checkId: 'container-privileged',
    cisId: '5.5',
    title: 'Privileged containers are not used',
    status: 'pass',
    severity: 'critical',
    subject: { kind: 'container', id: 'def', name: 'db "quoted" ✓' },
    evidence: 'HostConfig.Privileged=false',
    remediation: 'Run without --privileged.',
  },
  {
    checkId: 'daemon-tls',
    title: 'The daemon listens with TLS',
    status: 'manual',
    severity: 'high',
    subject: { kind: 'daemon', id: 'd', name: 'dockerd' },
    evidence: 'look at -H flags',
    remediation: 'Configure --tlsverify.',
  },
];

const unpack = (packed: Uint8Array, count = results.length) =>
  unpackResults(packed, count, 'the results of assessment a-1', '/db');

describe('packed results', () => {
  it('round-trips every field of every result, in order, with absent CIS ids still absent', () => {
    const back = unpack(packResults(results));
    expect(back).toEqual(results);
    expect(Object.hasOwn(back[2] ?? {}, 'cisId')).toBe(false);
  });

  it('writes the texts a check repeats once', () => {
    const many = Array.from({ length: 500 }, (_, i) => ({
      ...results[0],
      subject: { kind: 'container', id: `c${i}`, name: `n${i}` },
    })) as CheckResult[];
    expect(unpack(packResults(many), 500)).toEqual(many);
    const json = gunzipSync(packResults(many)).toString('utf8');
    expect(json.split('Privileged containers are not used')).toHaveLength(2);
  });

  it.each([
    ['bytes that are not gzip', () => Buffer.from('junk'), 3],
    ['gzip of something else', () => gzipSync('{"hello":1}'), 3],
    ['a count that does not match', () => packResults(results), 4],
    [
      'a result pointing at missing texts',
      () => gzipSync('{"format":1,"texts":[],"results":[[0,"pass","low","host","h","h","e"]]}'),
      1,
    ],
  ])('refuses %s as a damaged store, naming what', (_, bytes, count) => {
    const err = (() => {
      try {
        unpack(bytes(), count);
      } catch (e) {
        return e;
      }
    })();
    expect(isCoastguardError(err) && err.code).toBe('STORE_CORRUPT');
    expect((err as Error).message).toContain('the results of assessment a-1');
  });
});
