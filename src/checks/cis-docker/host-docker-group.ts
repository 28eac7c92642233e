// CIS Docker 1.6 §1.1.2: members of the docker group can drive the daemon, which is root on the host; only a
// person can say whether each member should.
import { defineCheck } from './define-check.js';
import { manual, onHost } from './judge.js';

export const hostDockerGroup = defineCheck(
  {
    cisId: '1.1.2',
    checkId: 'daemon-access-restricted',
    title: 'Ensure only trusted users are allowed to control Docker daemon',
    scope: 'host',
    severity: 'high',
    automation: 'manual',
    remediation:
      'Remove every user who does not administer this host from the docker group (gpasswd -d USER docker).',
  },
  onHost(({ host }) => {
    const members = host.dockerGroupMembers;
    if (members === undefined) {
      return manual('members of the docker group could not be read: review the docker line of /etc/group');
    }
    if (members.length === 0) {
      return manual('the docker group has no members: confirm that only root controls the daemon');
    }
    return manual(`docker group members: ${members.join(', ')}; confirm each one administers this host`);
  }),
);
