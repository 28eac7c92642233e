import { describe, expect, it } from 'vitest';
import { makeHostFile, makeHostFiles, makeSnapshot } from '../../../test/support/snapshot.js';
import type { HostFile, HostFileRole } from '../../core/inventory/host.js';
import { evaluateOne } from '../__fixtures__/evaluate.js';
import { describeFile, hostFilePermissionChecks } from './host-file-permissions.js';

function check(cisId: string) {
  const found = hostFilePermissionChecks.find((c) => c.cisId === cisId);
  if (!found) throw new Error(`no check ${cisId}`);
  return found;
}

/** The compliant files with one role's fact changed (or removed, with `null`). */
function filesWith(role: HostFileRole, change: Partial<HostFile> | null): HostFile[] {
  return makeHostFiles().flatMap((f) =>
    f.role !== role ? [f] : change === null ? [] : [{ ...f, ...change }],
  );
}

describe('3.1–3.24 file ownership and permissions', () => {
  it('covers 3.1 to 3.24, one check each', () => {
    expect(hostFilePermissionChecks.map((c) => c.cisId)).toEqual(
      Array.from({ length: 24 }, (_, i) => `3.${i + 1}`),
    );
  });

  it('describes a file as owner and four-digit mode', () => {
    const file = makeHostFile('docker.service', '/lib/systemd/system/docker.service');
    expect(describeFile(file)).toBe('/lib/systemd/system/docker.service owner root:root mode 0644');
    expect(describeFile({ ...file, owner: undefined, uid: 1001, mode: 0o4755 })).toBe(
      '/lib/systemd/system/docker.service owner 1001:root mode 4755',
    );
  });

  it.each`
    cisId     | role                      | change                                         | status
    ${'3.1'}  | ${'docker.service'}       | ${{ owner: 'alice', uid: 1000 }}               | ${'fail'}
    ${'3.1'}  | ${'docker.service'}       | ${{ owner: undefined, uid: 0 }}                | ${'pass'}
    ${'3.2'}  | ${'docker.service'}       | ${{ mode: 0o664 }}                             | ${'fail'}
    ${'3.2'}  | ${'docker.service'}       | ${{ mode: 0o600 }}                             | ${'pass'}
    ${'3.4'}  | ${'docker.socket'}        | ${{ mode: 0o646 }}                             | ${'fail'}
    ${'3.5'}  | ${'etc-docker'}           | ${{ group: 'docker', gid: 998 }}               | ${'fail'}
    ${'3.6'}  | ${'etc-docker'}           | ${{ mode: 0o775 }}                             | ${'fail'}
    ${'3.6'}  | ${'etc-docker'}           | ${{ mode: 0o700 }}                             | ${'pass'}
    ${'3.8'}  | ${'registry-cert'}        | ${{ mode: 0o644 }}                             | ${'fail'}
    ${'3.10'} | ${'tls-ca'}               | ${{ mode: 0o644 }}                             | ${'fail'}
    ${'3.12'} | ${'tls-cert'}             | ${{ mode: 0o440 }}                             | ${'pass'}
    ${'3.14'} | ${'tls-key'}              | ${{ mode: 0o440 }}                             | ${'fail'}
    ${'3.14'} | ${'tls-key'}              | ${{ mode: 0o400 }}                             | ${'pass'}
    ${'3.15'} | ${'docker.sock'}          | ${{ group: 'root', gid: 0 }}                   | ${'fail'}
    ${'3.15'} | ${'docker.sock'}          | ${{ group: undefined, gid: 998 }}              | ${'fail'}
    ${'3.16'} | ${'docker.sock'}          | ${{ mode: 0o666 }}                             | ${'fail'}
    ${'3.18'} | ${'daemon.json'}          | ${{ mode: 0o666 }}                             | ${'fail'}
    ${'3.19'} | ${'etc-default-docker'}   | ${{ owner: 'alice', uid: 1000 }}               | ${'fail'}
    ${'3.20'} | ${'etc-default-docker'}   | ${{ exists: false }}                           | ${'not-applicable'}
    ${'3.21'} | ${'etc-sysconfig-docker'} | ${{ exists: true, mode: 0o664 }}               | ${'fail'}
    ${'3.22'} | ${'etc-sysconfig-docker'} | ${{ exists: true, owner: 'alice', uid: 1000 }} | ${'fail'}
    ${'3.23'} | ${'containerd.sock'}      | ${{ group: 'docker', gid: 998 }}               | ${'fail'}
    ${'3.24'} | ${'containerd.sock'}      | ${{ mode: 0o666 }}                             | ${'fail'}
    ${'3.2'}  | ${'docker.service'}       | ${{ error: 'EACCES: permission denied' }}      | ${'error'}
    ${'3.1'}  | ${'docker.service'}       | ${{ uid: undefined, gid: undefined }}          | ${'error'}
    ${'3.2'}  | ${'docker.service'}       | ${{ mode: undefined }}                         | ${'error'}
    ${'3.2'}  | ${'docker.service'}       | ${{ exists: false }}                           | ${'not-applicable'}
  `('$cisId with $role $change → $status', ({ cisId, role, change, status }) => {
    const result = evaluateOne(check(cisId), makeSnapshot({ host: { files: filesWith(role, change) } }));
    expect(result.status).toBe(status);
    expect(result.subject.kind).toBe('host');
  });

  it('shows the exact owner and mode seen when failing', () => {
    const result = evaluateOne(
      check('3.16'),
      makeSnapshot({ host: { files: filesWith('docker.sock', { mode: 0o666 }) } }),
    );
    expect(result.evidence).toBe('/run/docker.sock owner root:docker mode 0666');
  });

  it('says "not present" for a file that does not exist', () => {
    const result = evaluateOne(check('3.21'), makeSnapshot());
    expect(result).toMatchObject({ status: 'not-applicable', evidence: '/etc/sysconfig/docker not present' });
  });

  it('names the reason when a file could not be read', () => {
    const files = filesWith('daemon.json', { error: 'EACCES: permission denied' });
    const result = evaluateOne(check('3.17'), makeSnapshot({ host: { files } }));
    expect(result).toMatchObject({
      status: 'error',
      evidence: '/etc/docker/daemon.json: EACCES: permission denied',
    });
  });

  it('is an error when a file every host has was not collected at all', () => {
    const result = evaluateOne(
      check('3.3'),
      makeSnapshot({ host: { files: filesWith('docker.socket', null) } }),
    );
    expect(result).toMatchObject({ status: 'error', evidence: 'the docker.socket file was not collected' });
  });

  it('is not applicable for TLS files when TLS is not configured', () => {
    const snapshot = makeSnapshot({
      host: { files: filesWith('tls-key', null) },
      daemon: { options: { tlskey: undefined } },
    });
    expect(evaluateOne(check('3.14'), snapshot)).toMatchObject({
      status: 'not-applicable',
      evidence: 'no TLS server key configured (tlskey not set)',
    });
  });

  it('is an error when a configured TLS file was not collected', () => {
    const result = evaluateOne(check('3.13'), makeSnapshot({ host: { files: filesWith('tls-key', null) } }));
    expect(result.status).toBe('error');
    expect(result.evidence).toContain('tlskey=/etc/docker/tls/server-key.pem is configured');
  });

  it('is not applicable when there are no registry certificates', () => {
    const result = evaluateOne(
      check('3.7'),
      makeSnapshot({ host: { files: filesWith('registry-cert', null) } }),
    );
    expect(result.status).toBe('not-applicable');
  });

  it('judges every registry certificate and lists the failing ones', () => {
    const files = [
      ...makeHostFiles(),
      makeHostFile('registry-cert', '/etc/docker/certs.d/other:443/ca.crt', { mode: 0o666 }),
    ];
    const result = evaluateOne(check('3.8'), makeSnapshot({ host: { files } }));
    expect(result).toMatchObject({
      status: 'fail',
      evidence: '/etc/docker/certs.d/other:443/ca.crt owner root:root mode 0666',
    });
  });

  it('files the docker socket under daemon access and the rest under file permissions', () => {
    expect(check('3.15').checkId).toBe('daemon-access-restricted');
    expect(check('3.16').severity).toBe('high');
    expect(check('3.17').checkId).toBe('daemon-config-file-permissions');
  });
});
