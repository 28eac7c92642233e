import { describe, expect, it } from 'vitest';
import { makeSnapshot } from '../../../test/support/snapshot.js';
import { evaluateOne } from '../__fixtures__/evaluate.js';
import { daemonTls } from './daemon-tls.js';

describe('2.7 TLS for a daemon on TCP', () => {
  it('passes with tlsverify and certificates on a tcp host', () => {
    const result = evaluateOne(daemonTls, makeSnapshot());
    expect(result.status).toBe('pass');
    expect(result.evidence).toContain(
      'tcp://10.0.0.5:2376 with tlsverify=true, tlscacert=/etc/docker/tls/ca.pem',
    );
  });

  it.each`
    options                                                                                           | status              | evidence
    ${{ hosts: ['unix:///run/docker.sock'] }}                                                         | ${'not-applicable'} | ${'daemon listens on unix:///run/docker.sock only (no tcp:// host)'}
    ${{ hosts: undefined }}                                                                           | ${'not-applicable'} | ${'daemon listens on the default unix socket only (no tcp:// host)'}
    ${{ hosts: 'fd://' }}                                                                             | ${'not-applicable'} | ${'daemon listens on fd:// only (no tcp:// host)'}
    ${{ hosts: 'tcp://0.0.0.0:2375', tlsverify: undefined }}                                          | ${'fail'}           | ${'daemon listens on tcp://0.0.0.0:2375 with tlsverify not set (clients are not required to present a certificate)'}
    ${{ hosts: ['tcp://0.0.0.0:2376'], tlsverify: false, tls: true }}                                 | ${'fail'}           | ${'daemon listens on tcp://0.0.0.0:2376 with tlsverify=false (clients are not required to present a certificate)'}
    ${{ hosts: ['tcp://0.0.0.0:2376'], tlscacert: undefined, tlscert: undefined, tlskey: undefined }} | ${'pass'}           | ${'daemon listens on tcp://0.0.0.0:2376 with tlsverify=true (certificates from the default paths)'}
  `('$options → $status', ({ options, status, evidence }) => {
    expect(evaluateOne(daemonTls, makeSnapshot({ daemon: { options } }))).toMatchObject({ status, evidence });
  });

  it('knows the daemon listens on TCP when we reached it there, whatever the configuration says', () => {
    const snapshot = makeSnapshot({
      engineEndpoint: 'tcp://192.0.2.10:2375',
      daemon: { options: { hosts: undefined, tlsverify: undefined }, configSources: {}, configErrors: [] },
    });
    const result = evaluateOne(daemonTls, snapshot);
    expect(result.status).toBe('error');
    expect(result.evidence).toContain('daemon listens on tcp://192.0.2.10:2375');
  });

  it('is an error, not "unix only", when the listen addresses cannot be read', () => {
    const snapshot = makeSnapshot({
      daemon: { options: { hosts: undefined }, configErrors: ['cmdline: EACCES'] },
    });
    expect(evaluateOne(daemonTls, snapshot).status).toBe('error');
  });
});
