// Option parsers shared by commands: each rejects bad values with a usage error (exit 2) naming the flag.
import { InvalidArgumentError } from 'commander';
import { isSeverity, SEVERITIES, type Severity } from '../core/result/severity.js';

export function parseSeverity(value: string): Severity {
  const lower = value.toLowerCase();
  if (!isSeverity(lower)) throw new InvalidArgumentError(`expected one of ${SEVERITIES.join(', ')}`);
  return lower;
}

export function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive whole number');
  return n;
}

export function parseChoice<T extends string>(choices: readonly T[]): (value: string) => T {
  return (value) => {
    if (!(choices as readonly string[]).includes(value)) {
      throw new InvalidArgumentError(`expected one of ${choices.join(', ')}`);
    }
    return value as T;
  };
}

/** Colour only for a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function isColorWanted(stream: NodeJS.WriteStream, isDisabled: boolean): boolean {
  return !isDisabled && stream.isTTY === true && !process.env.NO_COLOR;
}
