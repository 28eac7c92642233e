// CIS Docker 1.6 §5.11, §5.12, §5.29: without memory, CPU and PID limits one container can starve the host and
// every other container (a fork bomb, a leak, a runaway loop).
import { defineCheck } from './define-check.js';
import { eachContainer, fail, formatBytes, pass } from './judge.js';

/** 1024 is the engine's default weight: setting it is the same as not setting it (CIS 5.12 audit). */
const DEFAULT_CPU_SHARES = 1024;

export const containerMemoryLimit = defineCheck(
  {
    cisId: '5.11',
    checkId: 'resource-limits-memory',
    title: 'Ensure that the memory usage for containers is limited',
    scope: 'container',
    severity: 'low',
    automation: 'automated',
    remediation:
      'Set a memory limit that fits the workload (--memory, or mem_limit / deploy.resources in compose).',
  },
  eachContainer(({ resources }) =>
    resources.memoryBytes > 0
      ? pass(`HostConfig.Memory=${resources.memoryBytes} (${formatBytes(resources.memoryBytes)})`)
      : fail('HostConfig.Memory=0 (unlimited)'),
  ),
);

export const containerCpuLimit = defineCheck(
  {
    cisId: '5.12',
    checkId: 'resource-limits-cpu-pids',
    title: 'Ensure that CPU priority is set appropriately on containers',
    scope: 'container',
    severity: 'low',
    automation: 'automated',
    remediation:
      'Set --cpus (or --cpu-shares / --cpu-quota) so the container cannot take every CPU of the host.',
  },
  eachContainer(({ resources }) => {
    const { cpuShares, nanoCpus, cpuQuota } = resources;
    const seen = `HostConfig.CpuShares=${cpuShares} NanoCpus=${nanoCpus} CpuQuota=${cpuQuota}`;
    const isSet = nanoCpus > 0 || cpuQuota > 0 || (cpuShares > 0 && cpuShares !== DEFAULT_CPU_SHARES);
    return isSet ? pass(seen) : fail(`${seen} (no CPU limit or priority)`);
  }),
);

export const containerPidsLimit = defineCheck(
  {
    cisId: '5.29',
    checkId: 'resource-limits-cpu-pids',
    title: 'Ensure that the PIDs cgroup limit is used',
    scope: 'container',
    severity: 'low',
    automation: 'automated',
    remediation:
      'Set --pids-limit (e.g. 100, or what the workload needs) so a fork bomb cannot exhaust host PIDs.',
  },
  eachContainer(({ resources }) => {
    const { pidsLimit } = resources;
    if (pidsLimit === null || pidsLimit <= 0) return fail(`HostConfig.PidsLimit=${pidsLimit} (unlimited)`);
    return pass(`HostConfig.PidsLimit=${pidsLimit}`);
  }),
);
