// `--format json`: the versioned scan document of schema.ts, pretty-printed, one object per run.
import type { Reporter } from '../../core/reporter.js';
import { writeText } from '../write-text.js';
import { buildScanReport } from './build-report.js';

export const json: Reporter = {
  format: 'json',
  mediaType: 'application/json',
  async write(assessment, out) {
    await writeText(out, `${JSON.stringify(buildScanReport(assessment), null, 2)}\n`);
  },
};
