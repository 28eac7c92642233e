// The Reporter conformance suite: every format runs it (STYLE.md §4), with its own validator for its output.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Assessment } from '../core/assessment.js';
import type { Reporter, ReportOptions } from '../core/reporter.js';

/** Collects what a reporter writes; `failWith` makes every write fail, as a full disk or a closed pipe does. */
export class MemorySink extends Writable {
  private readonly chunks: Buffer[] = [];
  constructor(private readonly failWith?: Error) {
    super();
  }
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (err?: Error | null) => void): void {
    if (this.failWith) {
      done(this.failWith);
      return;
    }
    this.chunks.push(chunk);
    done();
  }
  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

export async function writeToString(
  reporter: Reporter,
  assessment: Assessment,
  options?: ReportOptions,
): Promise<string> {
  const sink = new MemorySink();
  await reporter.write(assessment, sink, options);
  return sink.text();
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to find raw escape sequences.
export const ANSI_ESCAPE = /\u001b\[[0-9;]*m/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: raw control characters are what must not appear.
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;

export interface ReporterContractCase {
  name: string;
  make: () => Assessment;
}

export interface ReporterContractOptions {
  /** Throws (or fails an expectation) when the output is not a valid document of the format. */
  validate: (output: string) => void;
  /** Assessments to write: the first is a typical one; include an empty host and hostile values. */
  cases: readonly [ReporterContractCase, ...ReporterContractCase[]];
  /** A control sequence planted in a hostile case, which must never reach the output raw. */
  plantedControl: string;
}

export function describeReporterContract(reporter: Reporter, options: ReporterContractOptions): void {
  const { validate, cases, plantedControl } = options;
  const samples = cases.map((c) => [c.name, c.make] as const);
  const typical = cases[0].make;

  describe(`reporter contract: ${reporter.format}`, () => {
    it('has a media type', () => {
      expect(reporter.mediaType).toMatch(/^[a-z]+\/[a-z0-9.+-]+(; charset=utf-8)?$/);
    });

    it.each(samples)('writes a valid, non-empty document for %s', async (_name, make) => {
      const output = await writeToString(reporter, make());
      expect(output.trim().length).toBeGreaterThan(0);
      expect(output.endsWith('\n')).toBe(true);
      validate(output);
    });

    it.each(samples)(
      'writes no colour codes or raw control characters unless asked, for %s',
      async (_name, make) => {
        for (const colour of [undefined, {}, { isColor: false }]) {
          const output = await writeToString(reporter, make(), colour);
          expect(output).not.toMatch(ANSI_ESCAPE);
          expect(output).not.toMatch(RAW_CONTROL);
        }
      },
    );

    it.each(samples)('keeps planted control sequences out even in colour, for %s', async (_name, make) => {
      const output = await writeToString(reporter, make(), { isColor: true });
      expect(output).not.toContain(plantedControl);
      expect(output).not.toContain('\u0007');
    });

    it('writes the same bytes for the same assessment', async () => {
      const assessment = typical();
      expect(await writeToString(reporter, assessment)).toBe(await writeToString(reporter, assessment));
    });

    it('neither reorders nor changes the assessment', async () => {
      const assessment = typical();
      const before = structuredClone(assessment);
      await writeToString(reporter, assessment);
      expect(assessment).toEqual(before);
    });

    it('leaves the stream open for its owner', async () => {
      const sink = new MemorySink();
      await reporter.write(typical(), sink);
      expect(sink.writableEnded).toBe(false);
    });

    it('rejects with the stream error when the destination fails', async () => {
      const failure = Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      const sink = new MemorySink(failure);
      sink.on('error', () => undefined);
      await expect(reporter.write(typical(), sink)).rejects.toBe(failure);
    });
  });
}
