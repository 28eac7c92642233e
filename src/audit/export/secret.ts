// Credentials named in coastguard.yaml: an environment variable or a file, never the value itself, so the
// configuration can be shared and printed. Errors name where the secret was looked for, never what it holds.
import { readFile, stat } from 'node:fs/promises';
import { z } from 'zod';
import { DeliveryError } from './destination.js';

/** `{ env: NAME }` or `{ file: /path }`. */
export const SecretRef = z.union([
  z.strictObject({
    env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected an environment variable name'),
  }),
  z.strictObject({ file: z.string().trim().min(1) }),
]);
export type SecretRef = z.infer<typeof SecretRef>;

/** Secrets are keys and tokens; a larger file is the wrong file. */
const MAX_SECRET_BYTES = 64 * 1024;

export function describeSecretRef(ref: SecretRef): string {
  return 'env' in ref ? `environment variable ${ref.env}` : `file ${ref.file}`;
}

/**
 * The secret's value (a trailing newline from `echo > file` removed). Read at each delivery so a rotated secret
 * is picked up without a restart. A missing secret is not retryable: only the operator can fix it.
 */
export async function resolveSecret(ref: SecretRef, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  let value: string | undefined;
  if ('env' in ref) {
    value = env[ref.env];
  } else {
    try {
      const info = await stat(ref.file);
      if (!info.isFile() || info.size > MAX_SECRET_BYTES) {
        throw new DeliveryError(
          `the secret ${describeSecretRef(ref)} is not a file of at most 64 KiB`,
          false,
        );
      }
      value = await readFile(ref.file, 'utf8');
    } catch (err) {
      if (err instanceof DeliveryError) throw err;
      const code = (err as NodeJS.ErrnoException).code ?? 'unreadable';
      throw new DeliveryError(`cannot read the secret ${describeSecretRef(ref)} (${code})`, false);
    }
  }
  const trimmed = value?.replace(/\r?\n$/, '');
  if (trimmed === undefined || trimmed === '') {
    throw new DeliveryError(`the secret ${describeSecretRef(ref)} is empty or not set`, false);
  }
  return trimmed;
}

/** Replaces every occurrence of each secret in a message (for errors that might echo a request back). */
export function redact(message: string, secrets: readonly string[]): string {
  let out = message;
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join('[redacted]');
  return out;
}
