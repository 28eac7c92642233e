import { describe, expect, it } from 'vitest';
import { makeSnapshot } from '../../../test/support/snapshot.js';
import { evaluateOne } from '../__fixtures__/evaluate.js';
import { imageContentTrust } from './image-content-trust.js';

describe('4.5 content trust', () => {
  it('asks a person, since the setting belongs to each client', () => {
    const result = evaluateOne(imageContentTrust, makeSnapshot());
    expect(result).toMatchObject({ status: 'manual', subject: { kind: 'host' } });
    expect(result.evidence).toContain('DOCKER_CONTENT_TRUST');
    expect(result.evidence).toContain('1 image here');
  });
});
