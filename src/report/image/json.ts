// `image scan --format json`: the contract of issue 3, plus layers, base image, warnings and diagnostics.
import type { Writable } from 'node:stream';
import type { ImageScanResult } from '../../core/image/image-scan.js';
import { writeText } from '../write-text.js';

export async function writeImageScanJson(result: ImageScanResult, out: Writable): Promise<void> {
  await writeText(out, `${JSON.stringify(result, null, 2)}\n`);
}
