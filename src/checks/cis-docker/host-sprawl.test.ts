import { describe, expect, it } from 'vitest';
import { makeContainer, makeImage, makeSnapshot } from '../../../test/support/snapshot.js';
import { evaluateOne } from '../__fixtures__/evaluate.js';
import { hostContainerSprawl, hostImageSprawl } from './host-sprawl.js';

describe('6.x sprawl', () => {
  it('6.1 counts images, those no container uses and untagged ones', () => {
    const images = [makeImage(), makeImage({ id: 'sha256:unused', repoTags: [] })];
    const result = evaluateOne(hostImageSprawl, makeSnapshot({ images }));
    expect(result.status).toBe('manual');
    expect(result.evidence).toContain('2 images, 1 not used by any container, 1 untagged');
  });

  it('6.2 counts containers by state', () => {
    const containers = [
      makeContainer(),
      makeContainer({ id: 'c2', state: 'exited' }),
      makeContainer({ id: 'c3', state: 'created' }),
    ];
    const result = evaluateOne(hostContainerSprawl, makeSnapshot({ containers }));
    expect(result.status).toBe('manual');
    expect(result.evidence).toContain('3 containers, 1 running, 2 not running');
  });
});
