// The Reporter seam: an assessment becomes bytes in one format.
import type { Writable } from 'node:stream';
import type { Assessment } from './assessment.js';

export interface Reporter {
  /** The --format value and the folder name under src/report/. */
  readonly format: string;
  readonly mediaType: string;
  /** Whether the output is meant for a terminal (colour, width) rather than a file. */
  write(assessment: Assessment, out: Writable, options?: ReportOptions): Promise<void>;
}

export interface ReportOptions {
  /** Colour output (terminal reporters only). */
  isColor?: boolean;
}
