// The shape of the check-to-control mapping file, checked when it is loaded.
import { z } from 'zod';

const Text = z.string().trim().min(1);
const Responsibility = z.enum(['customer', 'shared', 'aws', 'n/a']);

export const MappingEntry = z.object({
  id: Text.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a check id is kebab-case'),
  title: Text,
  category: Text,
  automation: z.enum(['automated', 'partial']),
  severity: z.enum(['critical', 'high', 'medium', 'low', 'info']),
  isImplemented: z.boolean(),
  controls: z.record(z.string(), z.array(Text)),
  responsibility: z.object({
    'self-hosted': Responsibility,
    ec2: Responsibility,
    'ecs-ec2': Responsibility,
    eks: Responsibility,
    'ecs-fargate': Responsibility,
    'eks-fargate': Responsibility,
  }),
  responsibilityNote: Text.optional(),
});
export type MappingEntry = z.infer<typeof MappingEntry>;

export const MappingFile = z.object({
  version: Text,
  description: Text,
  checks: z.array(MappingEntry).min(1),
});
export type MappingFile = z.infer<typeof MappingFile>;
