import { describe, expect, it } from 'vitest';
import { makeContainer, makeSnapshot } from '../../../test/support/snapshot.js';
import type { Mount } from '../../core/inventory/container.js';
import { evaluateOne } from '../__fixtures__/evaluate.js';
import { containerSensitiveMounts, sensitiveRoot } from './container-sensitive-mounts.js';

function bind(source: string, isReadWrite: boolean, type = 'bind'): Mount {
  return { type, source, destination: `/host${source}`, isReadWrite, propagation: 'rprivate' };
}

describe('sensitiveRoot', () => {
  it.each`
    source            | root
    ${'/'}            | ${'/'}
    ${'/etc'}         | ${'/etc'}
    ${'/etc/'}        | ${'/etc'}
    ${'//etc//ssh'}   | ${'/etc'}
    ${'/usr/share'}   | ${'/usr'}
    ${'/etcetera'}    | ${undefined}
    ${'/var/lib/app'} | ${undefined}
    ${'/home/app'}    | ${undefined}
  `('$source → $root', ({ source, root }) => {
    expect(sensitiveRoot(source)).toBe(root);
  });
});

describe('5.6 sensitive host directories', () => {
  it.each`
    mount                            | status    | evidence
    ${bind('/etc', true)}            | ${'fail'} | ${'Mounts: /etc → /host/etc (rw)'}
    ${bind('/etc', false)}           | ${'fail'} | ${'Mounts: /etc → /host/etc (ro)'}
    ${bind('/', false)}              | ${'fail'} | ${'Mounts: / → /host/ (ro)'}
    ${bind('/proc', false)}          | ${'fail'} | ${'Mounts: /proc → /host/proc (ro)'}
    ${bind('/sys', false)}           | ${'fail'} | ${'Mounts: /sys → /host/sys (ro)'}
    ${bind('/dev', true)}            | ${'fail'} | ${'Mounts: /dev → /host/dev (rw)'}
    ${bind('/boot', false)}          | ${'fail'} | ${'Mounts: /boot → /host/boot (ro)'}
    ${bind('/usr', true)}            | ${'fail'} | ${'Mounts: /usr → /host/usr (rw)'}
    ${bind('/lib/modules', true)}    | ${'fail'} | ${'Mounts: /lib/modules → /host/lib/modules (rw)'}
    ${bind('/etc/shadow', false)}    | ${'fail'} | ${'Mounts: /etc/shadow → /host/etc/shadow (ro)'}
    ${bind('/etc/nginx', true)}      | ${'fail'} | ${'Mounts: /etc/nginx → /host/etc/nginx (rw)'}
    ${bind('/usr', false)}           | ${'pass'} | ${'Mounts: /usr → /host/usr (ro) (read-only, no secrets or kernel state)'}
    ${bind('/lib/modules', false)}   | ${'pass'} | ${'Mounts: /lib/modules → /host/lib/modules (ro) (read-only, no secrets or kernel state)'}
    ${bind('/etc/localtime', false)} | ${'pass'} | ${'Mounts: /etc/localtime → /host/etc/localtime (ro) (read-only, no secrets or kernel state)'}
    ${bind('/sys/fs/cgroup', false)} | ${'pass'} | ${'Mounts: /sys/fs/cgroup → /host/sys/fs/cgroup (ro) (read-only, no secrets or kernel state)'}
    ${bind('/srv/data', true)}       | ${'pass'} | ${'no host system directory mounted'}
    ${bind('/etc', true, 'volume')}  | ${'pass'} | ${'no host system directory mounted'}
  `('$mount.source ($mount.type, rw=$mount.isReadWrite) → $status', ({ mount, status, evidence }) => {
    const snapshot = makeSnapshot({ containers: [makeContainer({ mounts: [mount] })] });
    expect(evaluateOne(containerSensitiveMounts, snapshot)).toMatchObject({ status, evidence });
  });

  it('lists only the offending mounts', () => {
    const mounts = [bind('/etc/localtime', false), bind('/proc', true), bind('/srv', true)];
    const result = evaluateOne(
      containerSensitiveMounts,
      makeSnapshot({ containers: [makeContainer({ mounts })] }),
    );
    expect(result.evidence).toBe('Mounts: /proc → /host/proc (rw)');
  });
});
