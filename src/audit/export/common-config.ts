// What every destination has in coastguard.yaml, whatever its kind; each kind extends it (destination-kind.ts).
import { z } from 'zod';
import { SEVERITIES } from '../../core/result/severity.js';
import { EVENT_SCHEMA_IDS } from './schema/index.js';

const Text = z.string().trim().min(1);

export const FilterConfig = z.strictObject({
  actions: z.array(Text).min(1).optional(),
  minSeverity: z.enum(SEVERITIES).optional(),
});

export const RetryConfig = z.strictObject({
  /** The first wait after a failure; doubled each time, with jitter, up to maxMs. */
  initialMs: z.number().int().min(1).max(60_000).default(1_000),
  maxMs: z.number().int().min(1).max(3_600_000).default(300_000),
  /** Attempts of one batch per pass; the batch stays spooled and the next pass tries again. */
  attempts: z.number().int().min(1).max(100).default(5),
});

/** What every destination has, whatever its kind. */
export const CommonDestinationConfig = z.object({
  /** Names its folder under $COASTGUARD_HOME/export/, so: a short file-name-safe word. */
  name: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'expected a short name of a-z, 0-9, - and _'),
  enabled: z.boolean().default(true),
  schema: z.enum(EVENT_SCHEMA_IDS).default('coastguard'),
  filter: FilterConfig.default({}),
  batchSize: z.number().int().min(1).max(1_000).default(100),
  timeoutSeconds: z.number().int().min(1).max(300).default(10),
  retry: RetryConfig.default({ initialMs: 1_000, maxMs: 300_000, attempts: 5 }),
});
export type CommonDestinationConfig = z.infer<typeof CommonDestinationConfig>;
