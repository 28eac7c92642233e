import { describe, expect, it } from 'vitest';
import { containerIdFromCgroup, containerIdFromProcCgroup } from './index.js';

const ID = '467aacdcbe7d0c8c6d4ce9d9ef0e3b0c3ff0c9f1bd6ef4f4e3a6d1ea8c0bba66';

describe('container ids from cgroups', () => {
  it.each([
    [`/docker/${ID}`, ID],
    [`/system.slice/docker-${ID}.scope`, ID],
    [ID, ID],
    ['/', undefined],
    ['/user.slice/user-0.slice', undefined],
    [`/docker/${ID.slice(1)}`, undefined],
  ])('%s', (path, expected) => {
    expect(containerIdFromCgroup(path)).toBe(expected);
  });

  it('reads /proc/<pid>/cgroup lines of any hierarchy', () => {
    expect(containerIdFromProcCgroup(`12:pids:/docker/${ID}\n0::/docker/${ID}\n`)).toBe(ID);
    expect(containerIdFromProcCgroup('0::/\n4:memory:/process_api/x\n')).toBeUndefined();
  });
});
