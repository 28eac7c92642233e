import { describe, expect, it } from 'vitest';
import { makeContainer, makeSnapshot } from '../../../test/support/snapshot.js';
import { evaluateOne } from '../__fixtures__/evaluate.js';
import { containerNamespaceChecks } from './container-namespaces.js';

function check(cisId: string) {
  const found = containerNamespaceChecks.find((c) => c.cisId === cisId);
  if (!found) throw new Error(`no check ${cisId}`);
  return found;
}

describe('5.10, 5.16, 5.17, 5.21, 5.31 host namespaces', () => {
  it.each`
    cisId     | namespace    | value              | status    | evidence
    ${'5.10'} | ${'network'} | ${'host'}          | ${'fail'} | ${'HostConfig.NetworkMode=host'}
    ${'5.10'} | ${'network'} | ${'bridge'}        | ${'pass'} | ${'HostConfig.NetworkMode=bridge'}
    ${'5.16'} | ${'pid'}     | ${'host'}          | ${'fail'} | ${'HostConfig.PidMode=host'}
    ${'5.16'} | ${'pid'}     | ${'container:abc'} | ${'pass'} | ${'HostConfig.PidMode=container:abc'}
    ${'5.17'} | ${'ipc'}     | ${'host'}          | ${'fail'} | ${'HostConfig.IpcMode=host'}
    ${'5.17'} | ${'ipc'}     | ${'shareable'}     | ${'pass'} | ${'HostConfig.IpcMode=shareable'}
    ${'5.21'} | ${'uts'}     | ${'host'}          | ${'fail'} | ${'HostConfig.UTSMode=host'}
    ${'5.21'} | ${'uts'}     | ${''}              | ${'pass'} | ${"HostConfig.UTSMode='' (private)"}
    ${'5.31'} | ${'user'}    | ${'host'}          | ${'fail'} | ${'HostConfig.UsernsMode=host'}
    ${'5.31'} | ${'user'}    | ${''}              | ${'pass'} | ${"HostConfig.UsernsMode='' (private)"}
  `('$cisId $namespace=$value → $status', ({ cisId, namespace, value, status, evidence }) => {
    const snapshot = makeSnapshot({ containers: [makeContainer({ namespaces: { [namespace]: value } })] });
    expect(evaluateOne(check(cisId), snapshot)).toMatchObject({ status, evidence });
  });

  it('files 5.10 under host network and the others under host namespaces', () => {
    expect(check('5.10').checkId).toBe('container-host-network');
    expect(check('5.31').checkId).toBe('container-host-pid-ipc-uts');
  });
});
