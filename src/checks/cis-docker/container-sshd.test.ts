import { describe, expect, it } from 'vitest';
import { makeContainer, makeSnapshot } from '../../../test/support/snapshot.js';
import { evaluateOne } from '../__fixtures__/evaluate.js';
import { containerSshd } from './container-sshd.js';

describe('5.7 sshd in containers', () => {
  it.each`
    processes                                          | status    | evidence
    ${['/usr/sbin/sshd -D', 'bash']}                   | ${'fail'} | ${'processes: /usr/sbin/sshd -D'}
    ${['sshd: root@pts/0']}                            | ${'fail'} | ${'processes: sshd: root@pts/0'}
    ${['sshd']}                                        | ${'fail'} | ${'processes: sshd'}
    ${['/opt/sshdump --serve', 'sshd-keygen-wrapper']} | ${'pass'} | ${'no sshd among 2 processes'}
    ${['nginx: master process']}                       | ${'pass'} | ${'no sshd among 1 process'}
  `('$processes → $status', ({ processes, status, evidence }) => {
    const snapshot = makeSnapshot({ containers: [makeContainer({ processes })] });
    expect(evaluateOne(containerSshd, snapshot)).toMatchObject({ status, evidence });
  });

  it('is not applicable to a container that is not running', () => {
    const snapshot = makeSnapshot({ containers: [makeContainer({ state: 'exited', processes: undefined })] });
    expect(evaluateOne(containerSshd, snapshot)).toMatchObject({
      status: 'not-applicable',
      evidence: 'not running: no processes to inspect (state: exited)',
    });
  });

  it('is an error when a running container could not be listed', () => {
    const snapshot = makeSnapshot({ containers: [makeContainer({ processes: undefined })] });
    expect(evaluateOne(containerSshd, snapshot).status).toBe('error');
  });
});
