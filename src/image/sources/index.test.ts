import { describe, expect, it } from 'vitest';
import { registryFallbackFor, sourceFor } from './index.js';

describe('sourceFor and the registry fallback', () => {
  it('names the source by prefix, the engine otherwise', () => {
    expect(sourceFor('registry:127.0.0.1:5000/app:1').id).toBe('registry');
    expect(sourceFor('oci:/tmp/layout').id).toBe('oci-layout');
    expect(sourceFor('127.0.0.1:5000/app:1').id).toBe('engine');
  });

  it.each([
    ['127.0.0.1:5000/app:1', 'registry:127.0.0.1:5000/app:1'],
    ['reg.example.com/team/app', 'registry:reg.example.com/team/app'],
    ['localhost/app', 'registry:localhost/app'],
    ['app:1', undefined],
    ['team/app:1', undefined],
    ['docker.io/library/app:1', undefined],
    ['engine:reg.example.com/app', undefined],
    ['/app', undefined],
    ['user:pw@reg.example/app', undefined],
  ])('%s falls back to %s', (ref, expected) => {
    expect(registryFallbackFor(ref)).toBe(expected);
  });
});
