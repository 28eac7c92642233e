import { describe, expect, it } from 'vitest';
import { listGroupMembers, parseGroup, parsePasswd } from './accounts.js';

const PASSWD = `root:x:0:0:root:/root:/bin/bash
# a comment
daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
alice:x:1000:1000:Alice,,,:/home/alice:/bin/bash
deploy:x:1001:105::/home/deploy:/bin/sh
broken:x:notanumber:1::/:/bin/sh
short:x:5

`;

const GROUP = `root:x:0:
docker:x:105:alice,bob
alice:x:1000:
bad:x:abc:
`;

describe('parsePasswd', () => {
  it('reads name, uid and gid, skipping comments and malformed lines', () => {
    expect(parsePasswd(PASSWD)).toEqual([
      { name: 'root', uid: 0, gid: 0 },
      { name: 'daemon', uid: 1, gid: 1 },
      { name: 'alice', uid: 1000, gid: 1000 },
      { name: 'deploy', uid: 1001, gid: 105 },
    ]);
  });

  it('reads nothing from an empty file', () => {
    expect(parsePasswd('')).toEqual([]);
  });
});

describe('parseGroup', () => {
  it('reads groups with their member lists', () => {
    expect(parseGroup(GROUP)).toEqual([
      { name: 'root', gid: 0, members: [] },
      { name: 'docker', gid: 105, members: ['alice', 'bob'] },
      { name: 'alice', gid: 1000, members: [] },
    ]);
  });
});

describe('listGroupMembers', () => {
  it('includes listed members and users whose primary group it is', () => {
    expect(listGroupMembers('docker', parsePasswd(PASSWD), parseGroup(GROUP))).toEqual([
      'alice',
      'bob',
      'deploy',
    ]);
  });

  it('is undefined when the group does not exist', () => {
    expect(listGroupMembers('docker', parsePasswd(PASSWD), parseGroup('root:x:0:\n'))).toBeUndefined();
  });
});
