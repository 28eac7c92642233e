// The `agent:` section of coastguard.yaml: what the runtime agent expects to run (fleet drift) and how long it
// learns each image's behaviour before deviations alert (baselines).
//
//   agent:
//     expectedImages: [registry.local/*, postgres:16*]
//     composeFiles: [/srv/shop/compose.yaml]
//     kubernetesManifests: [/srv/shop/k8s.yaml]
//     baseline: { learnMinutes: 60 }
import { z } from 'zod';

const Text = z.string().trim().min(1);

export const BaselineConfig = z.strictObject({
  enabled: z.boolean().default(true),
  /** Per image, from the first container of it the agent sees; then anything new alerts. */
  learnMinutes: z.number().min(0.01).max(43_200).default(60),
});
export type BaselineConfig = z.infer<typeof BaselineConfig>;

export const AgentConfig = z.strictObject({
  /** Image references that may run (`*`, `?` globs); a container of any other image is rogue. Empty: no check. */
  expectedImages: z.array(Text).default([]),
  /** Compose files whose services' images are expected too. */
  composeFiles: z.array(Text).default([]),
  /** Kubernetes manifests whose workloads' images are expected too. */
  kubernetesManifests: z.array(Text).default([]),
  baseline: BaselineConfig.default({ enabled: true, learnMinutes: 60 }),
});
export type AgentConfig = z.infer<typeof AgentConfig>;
