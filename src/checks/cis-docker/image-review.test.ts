import { describe, expect, it } from 'vitest';
import { makeImage, makeSnapshot } from '../../../test/support/snapshot.js';
import { evaluate } from '../__fixtures__/evaluate.js';
import { imagePackages, imagePatching, imageSetuid, imageTrustedBase } from './image-review.js';

const local = makeImage({
  id: 'sha256:local',
  repoTags: ['cgtest-busybox:1'],
  repoDigests: [],
  created: undefined,
});
const snapshot = makeSnapshot({ images: [makeImage(), local] });

describe('image questions for a person', () => {
  it('4.2 shows where each image comes from', () => {
    const [pulled, built] = evaluate(imageTrustedBase, snapshot);
    expect(pulled?.status).toBe('manual');
    expect(pulled?.evidence).toContain('tags registry.example/app:1.0; digests registry.example/app@sha256:');
    expect(built?.evidence).toContain('no registry digest (built or imported here)');
  });

  it('4.3 shows size and layers', () => {
    const [result] = evaluate(imagePackages, snapshot);
    expect(result).toMatchObject({
      status: 'manual',
      subject: { kind: 'image', name: 'registry.example/app:1.0' },
    });
    expect(result?.evidence).toContain('50 MiB in 3 layers');
  });

  it('4.4 shows how old each image is at scan time', () => {
    const [dated, undated] = evaluate(imagePatching, snapshot);
    expect(dated?.evidence).toContain('built 2026-11-01T00:00:00Z, 21 days before this scan');
    expect(undated?.evidence).toContain('build date unknown');
    expect(undated?.status).toBe('manual');
  });

  it('4.8 asks for the setuid files of every image', () => {
    const results = evaluate(imageSetuid, snapshot);
    expect(results.map((r) => r.status)).toEqual(['manual', 'manual']);
    expect(results[0]?.evidence).toContain('-perm /6000');
  });
});
