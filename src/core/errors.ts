// Typed errors with stable codes for the edges (I/O, user input). The CLI maps `exitCode`; the message names the input.

export type ErrorCode =
  | 'ENGINE_UNREACHABLE'
  | 'ENGINE_ERROR'
  | 'BAD_USAGE'
  | 'BAD_INPUT'
  | 'STORE_CORRUPT'
  | 'STORE_NEWER_SCHEMA'
  | 'STORE_ERROR'
  | 'INTERNAL';

export class CoastguardError extends Error {
  readonly code: ErrorCode;
  /** 2: bad input or usage (including an unreachable engine the user pointed us at); 3: internal. */
  readonly exitCode: 2 | 3;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; exitCode?: 2 | 3 }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CoastguardError';
    this.code = code;
    this.exitCode = options?.exitCode ?? (code === 'INTERNAL' || code === 'STORE_ERROR' ? 3 : 2);
  }
}

export function isCoastguardError(err: unknown): err is CoastguardError {
  return err instanceof CoastguardError;
}
