// Alpine's (and Wolfi's) installed packages: lib/apk/db/installed.
import type { Analyzer, Found } from '../analyzer.js';
import { completeParagraphs, packagesFound, truncatedFound } from '../found.js';
import { parseApkInstalled } from './parse.js';

const MAX_BYTES = 64 * 1024 * 1024;

export const apk: Analyzer = {
  id: 'apk',
  maxBytes: MAX_BYTES,
  wants: ({ path }) => path === 'lib/apk/db/installed',
  analyze: async (file) => {
    const found: Found[] = packagesFound(
      parseApkInstalled(completeParagraphs(file.content, file.truncated), { file: file.path }),
    );
    if (file.truncated) found.push(truncatedFound('apk', file.path, MAX_BYTES));
    return found;
  },
};
