import { describe, expect, it } from 'vitest';
import { healthCheckTest, normalizeImage } from './images.js';

describe('normalizeImage', () => {
  it('keeps identity, configuration and history oldest first, without env values', () => {
    const image = normalizeImage(
      {
        Id: 'sha256:abc',
        RepoTags: ['app:1', '<none>:<none>'],
        RepoDigests: ['app@sha256:def'],
        Created: '2024-01-01T00:00:00Z',
        Size: 1234,
        Config: {
          User: 'app',
          Env: ['PATH=/usr/bin', 'API_KEY=secret'],
          Labels: { maintainer: 'me' },
          ExposedPorts: { '8080/tcp': {} },
          Healthcheck: { Test: ['CMD', 'true'] },
        },
        RootFS: { Layers: ['sha256:l1', 'sha256:l2'] },
      },
      [
        { Created: 1_704_067_200, CreatedBy: '/bin/sh -c #(nop) CMD ["app"]', Size: 0 },
        { Created: 1_704_067_100, CreatedBy: '/bin/sh -c apk add curl', Size: 500, Comment: 'buildkit' },
      ],
    );
    expect(image).toEqual({
      id: 'sha256:abc',
      repoTags: ['app:1'],
      repoDigests: ['app@sha256:def'],
      created: '2024-01-01T00:00:00Z',
      sizeBytes: 1234,
      user: 'app',
      hasHealthCheck: true,
      labels: { maintainer: 'me' },
      envNames: ['PATH', 'API_KEY'],
      exposedPorts: ['8080/tcp'],
      layers: ['sha256:l1', 'sha256:l2'],
      history: [
        {
          createdBy: '/bin/sh -c apk add curl',
          isEmptyLayer: false,
          created: '2023-12-31T23:58:20.000Z',
          comment: 'buildkit',
        },
        {
          createdBy: '/bin/sh -c #(nop) CMD ["app"]',
          isEmptyLayer: true,
          created: '2024-01-01T00:00:00.000Z',
        },
      ],
    });
    expect(JSON.stringify(image)).not.toContain('secret');
  });

  it('reads an image with no configuration', () => {
    expect(normalizeImage({ Id: 'sha256:x' }, [])).toEqual({
      id: 'sha256:x',
      repoTags: [],
      repoDigests: [],
      sizeBytes: 0,
      user: '',
      hasHealthCheck: false,
      labels: {},
      envNames: [],
      exposedPorts: [],
      layers: [],
      history: [],
    });
  });
});

describe('healthCheckTest', () => {
  it.each([
    [{ Test: ['CMD', 'true'] }, ['CMD', 'true']],
    [{ Test: ['NONE'] }, undefined],
    [{ Test: [] }, undefined],
    [null, undefined],
  ])('%j', (healthcheck, expected) => {
    expect(healthCheckTest({ Id: 'x', Config: { Healthcheck: healthcheck } })).toEqual(expected);
  });
});
