// dpkg's installed packages: var/lib/dpkg/status, and status.d/<package> as distroless images carry them
// (their `<package>.md5sums` neighbours list files, not packages).
import type { Analyzer, Found } from '../analyzer.js';
import { completeParagraphs, packagesFound, truncatedFound } from '../found.js';
import { parseDpkgStatus } from './parse.js';

const STATUS_D = /^var\/lib\/dpkg\/status\.d\/[^/]+$/;
const MAX_BYTES = 64 * 1024 * 1024;

export const dpkg: Analyzer = {
  id: 'dpkg',
  maxBytes: MAX_BYTES,
  wants: ({ path }) => path === 'var/lib/dpkg/status' || (STATUS_D.test(path) && !path.endsWith('.md5sums')),
  analyze: async (file) => {
    const found: Found[] = packagesFound(
      parseDpkgStatus(completeParagraphs(file.content, file.truncated), { file: file.path }),
    );
    if (file.truncated) found.push(truncatedFound('dpkg', file.path, MAX_BYTES));
    return found;
  },
};
