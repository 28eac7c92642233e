// Shared responsibility: who owns a check on the assessed platform.
import type { CheckMapping, CompliancePlatform, Responsibility } from '../core/compliance/framework.js';
import type { Platform } from '../core/inventory/host.js';

export { COMPLIANCE_PLATFORMS, type CompliancePlatform } from '../core/compliance/framework.js';

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
