// Output formats of `coastguard image scan`, one file each.
import type { Writable } from 'node:stream';
import type { ImageScanResult } from '../../core/image/image-scan.js';
import { type SbomTool, writeImageScanCycloneDx } from './cyclonedx.js';
import { writeImageScanHtml } from './html.js';
import { writeImageScanJson } from './json.js';
import { writeImageScanSarif } from './sarif.js';
import { writeImageScanSpdx } from './spdx.js';
import { writeImageScanTable } from './table.js';

export interface ImageReportOptions {
  isColor: boolean;
  /** The Coastguard writing the report, named in SBOMs and SARIF. */
  tool: SbomTool;
}

export interface ImageReporter {
  readonly format: string;
  write(result: ImageScanResult, out: Writable, options: ImageReportOptions): Promise<void>;
}

export const imageReporters = {
  table: { format: 'table', write: writeImageScanTable },
  json: { format: 'json', write: (result, out) => writeImageScanJson(result, out) },
  sarif: { format: 'sarif', write: (result, out, { tool }) => writeImageScanSarif(result, out, tool) },
  cyclonedx: {
    format: 'cyclonedx',
    write: (result, out, { tool }) => writeImageScanCycloneDx(result, out, tool),
  },
  spdx: { format: 'spdx', write: (result, out, { tool }) => writeImageScanSpdx(result, out, tool) },
  html: { format: 'html', write: (result, out, { tool }) => writeImageScanHtml(result, out, tool) },
} as const satisfies Record<string, ImageReporter>;

export type ImageReportFormat = keyof typeof imageReporters;
