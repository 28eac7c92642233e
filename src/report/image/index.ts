// Output formats of `coastguard image scan`, one file each.
import type { Writable } from 'node:stream';
import type { ImageScanResult } from '../../core/image/image-scan.js';
import { writeImageScanJson } from './json.js';
import { writeImageScanTable } from './table.js';

export interface ImageReporter {
  readonly format: string;
  write(result: ImageScanResult, out: Writable, options: { isColor: boolean }): Promise<void>;
}

export const imageReporters = {
  table: { format: 'table', write: writeImageScanTable },
  json: { format: 'json', write: (result, out) => writeImageScanJson(result, out) },
} as const satisfies Record<string, ImageReporter>;

export type ImageReportFormat = keyof typeof imageReporters;
