import { describe, expect, it } from 'vitest';
import { detectPlatform, type PlatformInputs } from './platform.js';

const bare: PlatformInputs = {
  dmi: {},
  env: {},
  hasEksBootstrap: false,
  hasEcsConfig: false,
  containerLabelKeys: [],
};
const ec2: PlatformInputs = { ...bare, dmi: { sysVendor: 'Amazon EC2', boardVendor: 'Amazon EC2' } };

describe('detectPlatform', () => {
  it.each<[string, PlatformInputs, string]>([
    ['no signs at all', bare, 'self-hosted'],
    ['another cloud vendor', { ...bare, dmi: { sysVendor: 'Google' } }, 'self-hosted'],
    ['an EC2 DMI vendor', ec2, 'ec2'],
    ['an EC2 board vendor only', { ...bare, dmi: { boardVendor: 'Amazon EC2' } }, 'ec2'],
    ['a Xen EC2 hypervisor uuid', { ...bare, hypervisorUuid: 'ec2e1916-9099-7caf-fd21-012345abcdef' }, 'ec2'],
    ['a Xen product version from Amazon', { ...bare, dmi: { productVersion: '4.11.amazon' } }, 'ec2'],
    ['EC2 with the EKS bootstrap', { ...ec2, hasEksBootstrap: true }, 'eks'],
    ['EC2 running Kubernetes pods', { ...ec2, containerLabelKeys: ['io.kubernetes.pod.name'] }, 'eks'],
    ['EC2 with the ECS agent configured', { ...ec2, hasEcsConfig: true }, 'ecs-ec2'],
    ['EC2 running ECS tasks', { ...ec2, containerLabelKeys: ['com.amazonaws.ecs.cluster'] }, 'ecs-ec2'],
    [
      'EC2 with the ECS metadata variable',
      { ...ec2, env: { ECS_CONTAINER_METADATA_URI_V4: 'http://169.254.170.2/v4/x' } },
      'ecs-ec2',
    ],
    [
      'a Fargate execution environment',
      { ...bare, env: { AWS_EXECUTION_ENV: 'AWS_ECS_FARGATE' } },
      'fargate',
    ],
    [
      'ECS labels without EC2 signs',
      { ...bare, containerLabelKeys: ['com.amazonaws.ecs.cluster'] },
      'self-hosted',
    ],
  ])('%s → %s', (_, inputs, platform) => {
    expect(detectPlatform(inputs)).toBe(platform);
  });
});
