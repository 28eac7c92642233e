import { describe, expect, it } from 'vitest';
import { IMAGE_ID, makeContainer, makeImage, makeSnapshot } from '../../../test/support/snapshot.js';
import { evaluate } from '../__fixtures__/evaluate.js';
import { imageUser } from './image-user.js';
import { isRootUser } from './judge.js';

describe('isRootUser', () => {
  it.each`
    user          | expected
    ${''}         | ${true}
    ${'root'}     | ${true}
    ${'0'}        | ${true}
    ${'0:0'}      | ${true}
    ${'root:app'} | ${true}
    ${'000'}      | ${true}
    ${'1000'}     | ${false}
    ${'1000:0'}   | ${false}
    ${'app'}      | ${false}
    ${'rooty'}    | ${false}
  `('$user → $expected', ({ user, expected }) => {
    expect(isRootUser(user)).toBe(expected);
  });
});

describe('4.1 user for the container', () => {
  it('judges every image and every container, each under its own stable id', () => {
    const snapshot = makeSnapshot({
      images: [makeImage(), makeImage({ id: 'sha256:rootimg', repoTags: ['busybox:1'], user: '' })],
      containers: [
        makeContainer(),
        makeContainer({ id: 'c2', name: 'as-root', user: '0:0', state: 'exited' }),
      ],
    });
    const results = evaluate(imageUser, snapshot).map((r) => ({
      checkId: r.checkId,
      kind: r.subject.kind,
      name: r.subject.name,
      status: r.status,
      evidence: r.evidence,
    }));
    expect(results).toEqual([
      {
        checkId: 'image-runs-as-root',
        kind: 'image',
        name: 'registry.example/app:1.0',
        status: 'pass',
        evidence: 'Config.User=app',
      },
      {
        checkId: 'image-runs-as-root',
        kind: 'image',
        name: 'busybox:1',
        status: 'fail',
        evidence: "Config.User='' (root by default)",
      },
      {
        checkId: 'container-runs-as-root',
        kind: 'container',
        name: 'web',
        status: 'pass',
        evidence: 'Config.User=app',
      },
      {
        checkId: 'container-runs-as-root',
        kind: 'container',
        name: 'as-root',
        status: 'fail',
        evidence: 'Config.User=0:0 (state: exited)',
      },
    ]);
  });

  it("falls back to the image's USER when the container's is empty", () => {
    const snapshot = makeSnapshot({ containers: [makeContainer({ user: '' })] });
    const container = evaluate(imageUser, snapshot).find((r) => r.subject.kind === 'container');
    expect(container).toMatchObject({ status: 'pass', evidence: "Config.User='' (image USER app)" });
  });

  it('treats an empty user with an unknown image as root', () => {
    const snapshot = makeSnapshot({
      images: [],
      containers: [makeContainer({ user: '', imageId: IMAGE_ID })],
    });
    const results = evaluate(imageUser, snapshot);
    expect(results.map((r) => [r.subject.kind, r.status])).toEqual([
      ['host', 'not-applicable'],
      ['container', 'fail'],
    ]);
  });

  it('says once that there is nothing to judge on an empty host', () => {
    const results = evaluate(imageUser, makeSnapshot({ images: [], containers: [] }));
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ status: 'not-applicable', evidence: 'no images on this host' });
  });
});
