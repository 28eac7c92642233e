// The Reporter seam: an assessment becomes bytes in one format.
import type { Writable } from 'node:stream';
import type { Assessment } from './assessment.js';

export interface Reporter {
  /** The --format value and the folder name under src/report/. */
  readonly format: string;
  readonly mediaType: string;
  /** Writes the whole report and resolves once `out` has taken it; never ends `out`, which the caller owns. */
  write(assessment: Assessment, out: Writable, options?: ReportOptions): Promise<void>;
}

export interface ReportOptions {
  /** Colour output (terminal reporters only). */
  isColor?: boolean;
  /** Columns to fit (terminal reporters only); defaults to the stream's own width on a TTY, else 100. */
  width?: number;
}
