// The shape of the framework data files in this folder, checked when a file is loaded.
import { z } from 'zod';

const Text = z.string().trim().min(1);

export const FrameworkControl = z.object({
  id: Text,
  title: Text,
  group: z.object({ id: Text, title: Text }),
  description: Text,
  oscalId: Text.optional(),
  /** NIST SP 800-53 only: the FedRAMP Rev. 5 baselines that select the control. */
  fedramp: z.array(z.enum(['low', 'moderate', 'high'])).optional(),
  /** HITRUST only: the controls of other frameworks the same checks support. */
  crosswalk: z.record(z.string(), z.array(Text)).optional(),
});
export type FrameworkControl = z.infer<typeof FrameworkControl>;

export const FrameworkCatalogue = z.object({
  id: Text,
  name: Text,
  version: Text,
  publisher: Text,
  scope: Text,
  notes: z.array(Text),
  sources: z.array(Text).min(1),
  crosswalk: z.object({ framework: Text, note: Text }).optional(),
  resultsCarryControlId: z.literal('cisId').optional(),
  controls: z.array(FrameworkControl).min(1),
});
export type FrameworkCatalogue = z.infer<typeof FrameworkCatalogue>;

/** A framework defined as a subset of another catalogue (FedRAMP baselines of NIST SP 800-53). */
export const FrameworkView = z.object({
  id: Text,
  name: Text,
  viewOf: Text,
  fedrampBaseline: z.enum(['low', 'moderate', 'high']),
  scope: Text,
});
export type FrameworkView = z.infer<typeof FrameworkView>;
