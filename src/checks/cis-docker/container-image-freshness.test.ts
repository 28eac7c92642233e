import { describe, expect, it } from 'vitest';
import { makeSnapshot } from '../../../test/support/snapshot.js';
import { evaluateOne } from '../__fixtures__/evaluate.js';
import { containerImageFreshness } from './container-image-freshness.js';

describe('5.28 latest image', () => {
  it('shows the reference and image id for a person to compare', () => {
    const result = evaluateOne(containerImageFreshness, makeSnapshot());
    expect(result.status).toBe('manual');
    expect(result.evidence).toContain('Config.Image=registry.example/app:1.0 (Image=sha256:1111');
  });
});
