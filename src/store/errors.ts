// The store's user-facing errors. Each names the database and says what to do; none is raised after a write.
import { CoastguardError } from '../core/errors.js';

export function corruptStoreError(location: string, detail: string, cause?: unknown): CoastguardError {
  return new CoastguardError(
    'STORE_CORRUPT',
    `The database at ${location} is not a Coastguard database or is damaged (${detail}). ` +
      'It was left untouched; move it aside to start afresh.',
    { cause },
  );
}

export function newerSchemaError(location: string, schema: string): CoastguardError {
  return new CoastguardError(
    'STORE_NEWER_SCHEMA',
    `The database at ${location} was written by a newer Coastguard (schema ${schema}); ` +
      'upgrade Coastguard to use it. It was left untouched.',
  );
}

/** Turns a driver error into a CoastguardError naming the database; each dialect knows its own error codes. */
export type DescribeStoreError = (err: unknown, action: string) => CoastguardError;

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
