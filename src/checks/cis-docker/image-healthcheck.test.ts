import { describe, expect, it } from 'vitest';
import { makeImage, makeSnapshot } from '../../../test/support/snapshot.js';
import { evaluate } from '../__fixtures__/evaluate.js';
import { imageHealthcheck } from './image-healthcheck.js';

describe('4.6 HEALTHCHECK in images', () => {
  it('judges each image', () => {
    const images = [
      makeImage(),
      makeImage({ id: 'sha256:nohc', repoTags: ['plain:1'], hasHealthCheck: false }),
    ];
    const results = evaluate(imageHealthcheck, makeSnapshot({ images }));
    expect(results.map((r) => [r.subject.name, r.status, r.evidence])).toEqual([
      ['registry.example/app:1.0', 'pass', 'Config.Healthcheck set'],
      ['plain:1', 'fail', 'Config.Healthcheck not set (no HEALTHCHECK)'],
    ]);
  });
});
