// CIS Docker 1.6 §4.1: a process running as root in a container is root on the host the moment it escapes. The
// benchmark audits running containers' Config.User; we judge each image's default user and each container's
// effective one, each under its own stable id.
import type { Container } from '../../core/inventory/container.js';
import type { Snapshot } from '../../core/inventory/snapshot.js';
import { defineCheck, type Verdict } from './define-check.js';
import { eachContainer, eachImage, fail, isRootUser, type Judgement, pass } from './judge.js';

function judgeUser(user: string, field: string): Judgement {
  if (user === '') return fail(`${field}='' (root by default)`);
  return isRootUser(user) ? fail(`${field}=${user}`) : pass(`${field}=${user}`);
}

/** Docker copies the image's USER into Config.User at create time; the fallback covers engines that do not. */
function judgeContainerUser(container: Container, snapshot: Snapshot): Judgement {
  if (container.user !== '') return judgeUser(container.user, 'Config.User');
  const imageUser = snapshot.images.find((i) => i.id === container.imageId)?.user ?? '';
  if (imageUser === '') return judgeUser('', 'Config.User');
  const evidence = `Config.User='' (image USER ${imageUser})`;
  return isRootUser(imageUser) ? fail(evidence) : pass(evidence);
}

const judgeImages = eachImage((image) => judgeUser(image.user, 'Config.User'));
const judgeContainers = eachContainer(judgeContainerUser);

export const imageUser = defineCheck(
  {
    cisId: '4.1',
    checkId: 'image-runs-as-root',
    containerCheckId: 'container-runs-as-root',
    title: 'Ensure that a user for the container has been created',
    scope: 'image',
    severity: 'medium',
    automation: 'automated',
    remediation:
      'Create an unprivileged user in the Dockerfile and switch to it with USER (or run with --user).',
  },
  (snapshot): Verdict[] => [
    ...judgeImages(snapshot),
    // With no containers the image verdicts already say enough; a second "no containers" verdict would repeat.
    ...(snapshot.containers.length > 0 ? judgeContainers(snapshot) : []),
  ],
);
