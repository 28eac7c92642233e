// The schema of coastguard.yaml: platform, frameworks, waivers, audit exporters, response runbooks, the agent and
// the image policy.
// Unknown keys are errors, so typos are caught.
import { z } from 'zod';
import { ExportersConfig } from '../audit/export/config.js';
import { COMPLIANCE_PLATFORMS } from '../core/compliance/framework.js';
import { SEVERITIES } from '../core/result/severity.js';
import { AgentConfig } from '../runtime/config.js';
import { RunbooksConfig } from '../runtime/respond/config.js';

const Text = z.string().trim().min(1);

const Expiry = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/,
    'expected a date (2026-12-31) or an ISO date-time',
  )
  .refine((value) => !Number.isNaN(Date.parse(value)), 'not a real date');

const ControlRef = z
  .string()
  .regex(/^[a-z0-9.-]+:\S+$/, 'expected FRAMEWORK:CONTROL, e.g. pci-dss-4.0:2.2.1')
  .transform((value) => {
    const at = value.indexOf(':');
    return { framework: value.slice(0, at), id: value.slice(at + 1) };
  });

export const WaiverScopeConfig = z.strictObject({
  image: Text.optional(),
  container: Text.optional(),
  labels: z.record(z.string(), z.string()).optional(),
});

export const WaiverConfig = z
  .strictObject({
    id: Text.optional(),
    check: Text.optional(),
    control: ControlRef.optional(),
    scope: WaiverScopeConfig.default({}),
    justification: Text,
    approver: Text,
    expires: Expiry,
  })
  .refine((w) => (w.check === undefined) !== (w.control === undefined), {
    message: 'a waiver names exactly one of check or control',
  });

const Globs = z.array(Text).min(1);

export const ImagePolicyConfig = z.strictObject({
  allowedRegistries: Globs.optional(),
  approvedBaseImages: Globs.optional(),
  packages: z.strictObject({ deny: Globs.optional(), allow: Globs.optional() }).optional(),
  failOn: z.enum(SEVERITIES).optional(),
});

export const CoastguardConfigFile = z.strictObject({
  platform: z.enum(COMPLIANCE_PLATFORMS).optional(),
  frameworks: z.array(Text).default([]),
  waivers: z.array(WaiverConfig).default([]),
  exporters: ExportersConfig.optional(),
  runbooks: RunbooksConfig.optional(),
  agent: AgentConfig.optional(),
  imagePolicy: ImagePolicyConfig.optional(),
});
export type CoastguardConfigFile = z.infer<typeof CoastguardConfigFile>;
