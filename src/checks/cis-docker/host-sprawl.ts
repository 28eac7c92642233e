// CIS Docker 1.6 §6.1 and §6.2: unused images and stopped containers keep old, unpatched software around. Which of
// them are still needed is a judgement; we count them.
import type { Snapshot } from '../../core/inventory/snapshot.js';
import { defineCheck } from './define-check.js';
import { countOf, manual, onHost } from './judge.js';

function countUnusedImages({ images, containers }: Snapshot): number {
  const used = new Set(containers.map((c) => c.imageId));
  return images.filter((i) => !used.has(i.id)).length;
}

export const hostImageSprawl = defineCheck(
  {
    cisId: '6.1',
    checkId: 'registry-stale-images-pruned',
    title: 'Ensure that image sprawl is avoided',
    scope: 'host',
    severity: 'low',
    automation: 'manual',
    remediation: 'Remove images no container uses (docker image prune -a) on a schedule that suits the host.',
  },
  onHost((snapshot) => {
    const untagged = snapshot.images.filter((i) => i.repoTags.length === 0).length;
    return manual(
      `${countOf(snapshot.images.length, 'image')}, ${countUnusedImages(snapshot)} not used by any container, ${untagged} untagged: confirm the unused ones are still needed`,
    );
  }),
);

export const hostContainerSprawl = defineCheck(
  {
    cisId: '6.2',
    checkId: 'rogue-container-detection',
    title: 'Ensure that container sprawl is avoided',
    scope: 'host',
    severity: 'medium',
    automation: 'manual',
    remediation:
      'Remove containers that are no longer needed (docker container prune) and keep an owner for the rest.',
  },
  onHost(({ containers }) => {
    const running = containers.filter((c) => c.state === 'running').length;
    return manual(
      `${countOf(containers.length, 'container')}, ${running} running, ${containers.length - running} not running: confirm each stopped one is still needed`,
    );
  }),
);
