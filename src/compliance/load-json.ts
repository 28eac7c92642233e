// Reads a data file shipped next to the compiled module and validates it; a broken file is a broken build.
import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { CoastguardError } from '../core/errors.js';

export function loadJson<T>(url: URL, schema: z.ZodType<T>): T {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(url, 'utf8'));
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new CoastguardError('INTERNAL', `Cannot read compliance data ${url.pathname}: ${reason}`, {
      cause: err,
    });
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid';
    throw new CoastguardError('INTERNAL', `Compliance data ${url.pathname} is invalid at ${where}`);
  }
  return parsed.data;
}
