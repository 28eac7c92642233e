import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createUserNameResolver, parsePasswd } from './user-names.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

describe('user names from the container passwd', () => {
  it('parses passwd: first entry of a uid wins; comments and broken lines are skipped', () => {
    const users = parsePasswd(
      '# comment\nroot:x:0:0::/root:/bin/sh\napp:x:1000:1000::/app:/bin/sh\nbroken\ndup:x:1000:1:::\nnouid:x::\n',
    );
    expect([...users]).toEqual([
      [0, 'root'],
      [1000, 'app'],
    ]);
  });

  it("reads the container's own passwd once through /proc/PID/root, and says null for unknown uids", async () => {
    const proc = await mkdtemp(join(tmpdir(), 'cgtest-proc-'));
    dirs.push(proc);
    await mkdir(join(proc, '42', 'root', 'etc'), { recursive: true });
    await writeFile(join(proc, '42', 'root', 'etc', 'passwd'), 'root:x:0:0:::\nwww:x:33:33:::\n');
    const resolver = createUserNameResolver(proc);
    expect(await resolver.resolve('c1', 42, 33)).toBe('www');
    // Cached per container: another pid of it (whose root is not there) still resolves.
    expect(await resolver.resolve('c1', 99, 0)).toBe('root');
    expect(await resolver.resolve('c1', 99, 4242)).toBeNull();
    // A process gone before its root was read gives null, and the next one is tried.
    expect(await resolver.resolve('c2', 7, 0)).toBeNull();
    await mkdir(join(proc, '8', 'root', 'etc'), { recursive: true });
    await writeFile(join(proc, '8', 'root', 'etc', 'passwd'), 'admin:x:0:0:::\n');
    expect(await resolver.resolve('c2', 8, 0)).toBe('admin');
  });
});
