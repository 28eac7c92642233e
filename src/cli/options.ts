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

/**
 * Warnings get their own stderr lines unless the report that lists them is a table going to the same terminal
 * (stdout and stderr both a TTY): one copy is enough there, and a redirected report still leaves them on screen.
 */
export function isWarningEchoWanted(report: {
  format: string;
  output: string | undefined;
  stdout: Pick<NodeJS.WriteStream, 'isTTY'>;
  stderr: Pick<NodeJS.WriteStream, 'isTTY'>;
}): boolean {
  const isTableOnStdout = report.format === 'table' && (report.output === undefined || report.output === '-');
  return !(isTableOnStdout && report.stdout.isTTY === true && report.stderr.isTTY === true);
}

const DURATION_UNITS: Record<string, number> = {
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/** A time flag: an ISO-8601 time, or a duration back from now (`90s`, `30m`, `24h`, `7d`, `2w`); undefined if neither. */
export function parseTimeOrDuration(value: string, now: Date = new Date()): string | undefined {
  const duration = /^(\d{1,9})([smhdw])$/.exec(value.trim());
  if (duration) {
    const [, amount, unit] = duration;
    return new Date(now.getTime() - Number(amount) * (DURATION_UNITS[unit ?? ''] ?? 0)).toISOString();
  }
  const time = /^\d{4}-\d{2}-\d{2}/.test(value) ? Date.parse(value) : Number.NaN;
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}
