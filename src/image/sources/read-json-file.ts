// Manifests and configs inside image archives are small JSON files: read bounded, parsed, errors naming them.
import { createHash } from 'node:crypto';
import { readBounded } from '../../collect/read-bounded.js';
import { CoastguardError } from '../../core/errors.js';

/** Manifests and configs are kilobytes; a config with a very long history stays well under this. */
export const MAX_METADATA_BYTES = 16 * 1024 * 1024;

export interface JsonFile {
  readonly value: unknown;
  /** `sha256:` digest of the exact bytes (an image id is its config's digest). */
  readonly digest: string;
}

export async function readJsonFile(path: string, label: string): Promise<JsonFile> {
  let bytes: Buffer;
  try {
    bytes = await readBounded(path, MAX_METADATA_BYTES);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new CoastguardError('BAD_INPUT', `${label}: cannot be read (${message})`, { cause: err });
  }
  try {
    return {
      value: JSON.parse(bytes.toString('utf8')),
      digest: `sha256:${createHash('sha256').update(bytes).digest('hex')}`,
    };
  } catch (err) {
    throw new CoastguardError('BAD_INPUT', `${label}: not valid JSON`, { cause: err });
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function stringArray(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;
}
