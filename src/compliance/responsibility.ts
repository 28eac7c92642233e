// Shared responsibility: who owns a check on the assessed platform.
import type { CheckMapping, Responsibility, ResponsibilityPlatform } from '../core/compliance/framework.js';
import type { Platform } from '../core/inventory/host.js';

/** A platform the evaluation accepts: the mapping's own, or plain 'fargate' when the orchestrator is not known. */
export type CompliancePlatform = ResponsibilityPlatform | 'fargate';

export const COMPLIANCE_PLATFORMS = [
  'self-hosted',
  'ec2',
  'ecs-ec2',
  'eks',
  'fargate',
  'ecs-fargate',
  'eks-fargate',
] as const satisfies readonly CompliancePlatform[];

/** Most customer work first: when ECS and EKS on Fargate disagree, the heavier duty is the one we can vouch for. */
const BURDEN: readonly Responsibility[] = ['customer', 'shared', 'aws', 'n/a'];

export function responsibilityOn(check: CheckMapping, platform: CompliancePlatform): Responsibility {
  if (platform !== 'fargate') return check.responsibility[platform];
  const ecs = check.responsibility['ecs-fargate'];
  const eks = check.responsibility['eks-fargate'];
  return BURDEN.indexOf(ecs) <= BURDEN.indexOf(eks) ? ecs : eks;
}

/** A detected host platform as the evaluation sees it; an unknown platform is treated as self-hosted (all ours). */
export function toCompliancePlatform(platform: Platform): CompliancePlatform {
  return platform === 'unknown' ? 'self-hosted' : platform;
}
