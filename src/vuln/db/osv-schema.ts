// The OSV fields Coastguard reads (https://ossf.github.io/osv-schema/), checked at the edge: a record that does
// not fit is skipped with a diagnostic, so nothing downstream sees a half-valid advisory.
import { z } from 'zod';
import type { Advisory } from '../../core/result/vulnerability.js';

/** Advisory text can be long (details); ids, names and versions are short. Bounds keep hostile records cheap. */
const Short = z.string().min(1).max(1_024);
const Text = z.string().max(200_000);
const Loose = z.record(z.string(), z.unknown());

const OsvEvent = z
  .object({
    introduced: Short.optional(),
    fixed: Short.optional(),
    last_affected: Short.optional(),
    limit: Short.optional(),
  })
  .refine((event) => Object.values(event).filter((v) => v !== undefined).length === 1, {
    message: 'an event has exactly one of introduced, fixed, last_affected, limit',
  });

const OsvRange = z.object({
  type: z.enum(['SEMVER', 'ECOSYSTEM', 'GIT']),
  repo: z.string().max(2_048).optional(),
  events: z.array(OsvEvent).min(1).max(10_000),
});

const OsvAffected = z.object({
  package: z.object({ ecosystem: Short, name: Short, purl: z.string().max(2_048).optional() }),
  ranges: z.array(OsvRange).max(1_000).default([]),
  versions: z.array(Short).max(100_000).default([]),
  ecosystem_specific: Loose.optional(),
  database_specific: Loose.optional(),
});

export const OsvRecord = z.object({
  id: Short,
  modified: Short,
  published: Short.optional(),
  withdrawn: Short.optional(),
  aliases: z
    .array(Short)
    .max(10_000)
    .nullish()
    .transform((v) => v ?? []),
  upstream: z
    .array(Short)
    .max(10_000)
    .nullish()
    .transform((v) => v ?? []),
  summary: Text.optional(),
  details: Text.optional(),
  severity: z
    .array(z.object({ type: Short, score: Short }))
    .max(100)
    .nullish()
    .transform((v) => v ?? []),
  affected: z
    .array(OsvAffected)
    .max(10_000)
    .nullish()
    .transform((v) => v ?? []),
  references: z
    .array(z.object({ type: Short, url: z.string().max(4_096) }))
    .max(10_000)
    .nullish()
    .transform((v) => v ?? []),
  database_specific: Loose.optional(),
});

/**
 * Validates one parsed JSON value as an OSV record. Returns the advisory, or a message naming the first field
 * that does not fit (e.g. `affected.0.ranges.0.type: Invalid option`).
 */
export function toAdvisory(value: unknown): { advisory: Advisory } | { error: string } {
  const parsed = OsvRecord.safeParse(value);
  if (parsed.success) return { advisory: parsed.data };
  const issue = parsed.error.issues[0];
  const path = issue?.path.map(String).join('.') ?? '';
  return { error: `${path === '' ? 'record' : path}: ${issue?.message ?? 'invalid'}` };
}
