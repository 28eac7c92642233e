// Where the host runs, from local signs only (never the network: no instance metadata call). Self-hosted unless
// something clearly says otherwise.
import { access } from 'node:fs/promises';
import type { Platform } from '../../core/inventory/host.js';
import { readBounded } from '../read-bounded.js';

export interface PlatformInputs {
  /** /sys/class/dmi/id/{sys_vendor,board_vendor,bios_vendor,product_version}, trimmed, when readable. */
  dmi: { sysVendor?: string; boardVendor?: string; biosVendor?: string; productVersion?: string };
  /** /sys/hypervisor/uuid: Xen-based EC2 instances start with "ec2". */
  hypervisorUuid?: string;
  env: {
    AWS_EXECUTION_ENV?: string;
    ECS_CONTAINER_METADATA_URI?: string;
    ECS_CONTAINER_METADATA_URI_V4?: string;
  };
  /** /etc/eks (the EKS bootstrap) exists. */
  hasEksBootstrap: boolean;
  /** /etc/ecs/ecs.config (the ECS agent's configuration) exists. */
  hasEcsConfig: boolean;
  /** Label keys of the containers on the host (Kubernetes and ECS label their containers). */
  containerLabelKeys: readonly string[];
}

export function detectPlatform(inputs: PlatformInputs): Platform {
  if (inputs.env.AWS_EXECUTION_ENV === 'AWS_ECS_FARGATE') return 'fargate';
  const isEc2 =
    [inputs.dmi.sysVendor, inputs.dmi.boardVendor, inputs.dmi.biosVendor].some((v) => v === 'Amazon EC2') ||
    /amazon/i.test(inputs.dmi.productVersion ?? '') ||
    /^ec2/i.test(inputs.hypervisorUuid ?? '');
  if (!isEc2) return 'self-hosted';
  const hasKubernetes = inputs.containerLabelKeys.some((k) => k.startsWith('io.kubernetes.'));
  if (inputs.hasEksBootstrap || hasKubernetes) return 'eks';
  const hasEcs =
    inputs.hasEcsConfig ||
    inputs.env.AWS_EXECUTION_ENV === 'AWS_ECS_EC2' ||
    inputs.env.ECS_CONTAINER_METADATA_URI !== undefined ||
    inputs.env.ECS_CONTAINER_METADATA_URI_V4 !== undefined ||
    inputs.containerLabelKeys.some((k) => k.startsWith('com.amazonaws.ecs.'));
  return hasEcs ? 'ecs-ec2' : 'ec2';
}

async function readSmall(path: string): Promise<string | undefined> {
  try {
    return (await readBounded(path, 4096)).toString('utf8').trim();
  } catch {
    return undefined;
  }
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/** Every sign but the containers' labels, which the caller adds once containers are collected. */
export async function readPlatformInputs(
  env: NodeJS.ProcessEnv = process.env,
): Promise<Omit<PlatformInputs, 'containerLabelKeys'>> {
  const [sysVendor, boardVendor, biosVendor, productVersion, hypervisorUuid, hasEksBootstrap, hasEcsConfig] =
    await Promise.all([
      readSmall('/sys/class/dmi/id/sys_vendor'),
      readSmall('/sys/class/dmi/id/board_vendor'),
      readSmall('/sys/class/dmi/id/bios_vendor'),
      readSmall('/sys/class/dmi/id/product_version'),
      readSmall('/sys/hypervisor/uuid'),
      exists('/etc/eks'),
      exists('/etc/ecs/ecs.config'),
    ]);
  const dmi: PlatformInputs['dmi'] = {};
  if (sysVendor) dmi.sysVendor = sysVendor;
  if (boardVendor) dmi.boardVendor = boardVendor;
  if (biosVendor) dmi.biosVendor = biosVendor;
  if (productVersion) dmi.productVersion = productVersion;
  const inputs: Omit<PlatformInputs, 'containerLabelKeys'> = {
    dmi,
    env: {
      ...(env.AWS_EXECUTION_ENV ? { AWS_EXECUTION_ENV: env.AWS_EXECUTION_ENV } : {}),
      ...(env.ECS_CONTAINER_METADATA_URI
        ? { ECS_CONTAINER_METADATA_URI: env.ECS_CONTAINER_METADATA_URI }
        : {}),
      ...(env.ECS_CONTAINER_METADATA_URI_V4
        ? { ECS_CONTAINER_METADATA_URI_V4: env.ECS_CONTAINER_METADATA_URI_V4 }
        : {}),
    },
    hasEksBootstrap,
    hasEcsConfig,
  };
  if (hypervisorUuid) inputs.hypervisorUuid = hypervisorUuid;
  return inputs;
}
