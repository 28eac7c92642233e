import { describe, expect, it } from 'vitest';
import { type ContainerOverrides, makeContainer, makeSnapshot } from '../../../test/support/snapshot.js';
import { evaluateOne } from '../__fixtures__/evaluate.js';
import { containerCpuLimit, containerMemoryLimit, containerPidsLimit } from './container-resources.js';

function withResources(resources: ContainerOverrides['resources']) {
  return makeSnapshot({ containers: [makeContainer({ resources })] });
}

describe('5.11 memory', () => {
  it.each`
    memoryBytes | status    | evidence
    ${0}        | ${'fail'} | ${'HostConfig.Memory=0 (unlimited)'}
    ${67108864} | ${'pass'} | ${'HostConfig.Memory=67108864 (64 MiB)'}
  `('$memoryBytes → $status', ({ memoryBytes, status, evidence }) => {
    expect(evaluateOne(containerMemoryLimit, withResources({ memoryBytes }))).toMatchObject({
      status,
      evidence,
    });
  });
});

describe('5.12 CPU', () => {
  it.each`
    cpuShares | nanoCpus     | cpuQuota | status
    ${0}      | ${0}         | ${0}     | ${'fail'}
    ${1024}   | ${0}         | ${0}     | ${'fail'}
    ${512}    | ${0}         | ${0}     | ${'pass'}
    ${0}      | ${500000000} | ${0}     | ${'pass'}
    ${0}      | ${0}         | ${50000} | ${'pass'}
  `(
    'shares $cpuShares nano $nanoCpus quota $cpuQuota → $status',
    ({ cpuShares, nanoCpus, cpuQuota, status }) => {
      const result = evaluateOne(containerCpuLimit, withResources({ cpuShares, nanoCpus, cpuQuota }));
      expect(result.status).toBe(status);
      expect(result.evidence).toContain(
        `HostConfig.CpuShares=${cpuShares} NanoCpus=${nanoCpus} CpuQuota=${cpuQuota}`,
      );
    },
  );
});

describe('5.29 PIDs limit', () => {
  it.each`
    pidsLimit | status    | evidence
    ${null}   | ${'fail'} | ${'HostConfig.PidsLimit=null (unlimited)'}
    ${0}      | ${'fail'} | ${'HostConfig.PidsLimit=0 (unlimited)'}
    ${-1}     | ${'fail'} | ${'HostConfig.PidsLimit=-1 (unlimited)'}
    ${64}     | ${'pass'} | ${'HostConfig.PidsLimit=64'}
  `('$pidsLimit → $status', ({ pidsLimit, status, evidence }) => {
    expect(evaluateOne(containerPidsLimit, withResources({ pidsLimit }))).toMatchObject({ status, evidence });
  });
});
