import { describe, expect, it } from 'vitest';
import { makeContainer, makeSnapshot } from '../../../test/support/snapshot.js';
import { evaluateOne } from '../__fixtures__/evaluate.js';
import { containerCapabilities } from './container-capabilities.js';

describe('5.4 capabilities', () => {
  it.each`
    capAdd                                   | capDrop    | isPrivileged | status    | evidence
    ${[]}                                    | ${['ALL']} | ${false}     | ${'pass'} | ${'HostConfig.CapAdd=[] CapDrop=[ALL]'}
    ${[]}                                    | ${[]}      | ${false}     | ${'pass'} | ${'HostConfig.CapAdd=[] CapDrop=[]'}
    ${['CAP_NET_BIND_SERVICE', 'CAP_CHOWN']} | ${['ALL']} | ${false}     | ${'pass'} | ${'HostConfig.CapAdd=[CAP_NET_BIND_SERVICE,CAP_CHOWN] CapDrop=[ALL]'}
    ${['CAP_SYS_ADMIN']}                     | ${['ALL']} | ${false}     | ${'fail'} | ${'HostConfig.CapAdd=[CAP_SYS_ADMIN] CapDrop=[ALL] (beyond the default set: CAP_SYS_ADMIN)'}
    ${['ALL']}                               | ${[]}      | ${false}     | ${'fail'} | ${'HostConfig.CapAdd=[ALL] CapDrop=[] (beyond the default set: ALL)'}
    ${['CAP_NET_ADMIN', 'CAP_KILL']}         | ${[]}      | ${false}     | ${'fail'} | ${'HostConfig.CapAdd=[CAP_NET_ADMIN,CAP_KILL] CapDrop=[] (beyond the default set: CAP_NET_ADMIN)'}
    ${[]}                                    | ${[]}      | ${true}      | ${'fail'} | ${'HostConfig.Privileged=true (every capability granted)'}
  `(
    'add $capAdd drop $capDrop privileged=$isPrivileged → $status',
    ({ capAdd, capDrop, isPrivileged, status, evidence }) => {
      const snapshot = makeSnapshot({ containers: [makeContainer({ capAdd, capDrop, isPrivileged })] });
      expect(evaluateOne(containerCapabilities, snapshot)).toMatchObject({ status, evidence });
    },
  );
});
