import { describe, expect, it } from 'vitest';
import { makeImage, makeSnapshot } from '../../../test/support/snapshot.js';
import { evaluateOne } from '../__fixtures__/evaluate.js';
import { imageSecrets } from './image-secrets.js';

describe('4.10 secrets in Dockerfiles', () => {
  it('lists variable names that look like secrets, never values', () => {
    const image = makeImage({
      envNames: ['PATH', 'DB_PASSWORD'],
      history: [
        { createdBy: '/bin/sh -c #(nop)  ENV API_TOKEN=hunter2 MODE=prod', isEmptyLayer: true },
        { createdBy: 'ARG GITHUB_TOKEN', isEmptyLayer: true },
        { createdBy: 'ENV LEGACY_SECRET value-with spaces', isEmptyLayer: true },
      ],
    });
    const result = evaluateOne(imageSecrets, makeSnapshot({ images: [image] }));
    expect(result.status).toBe('manual');
    expect(result.evidence).toContain('DB_PASSWORD, API_TOKEN, GITHUB_TOKEN, LEGACY_SECRET');
    expect(result.evidence).not.toContain('hunter2');
    expect(result.evidence).not.toContain('MODE');
  });

  it('still asks a person when no name looks like a secret', () => {
    const result = evaluateOne(imageSecrets, makeSnapshot());
    expect(result.status).toBe('manual');
    expect(result.evidence).toContain('no secret-like variable names');
  });
});
