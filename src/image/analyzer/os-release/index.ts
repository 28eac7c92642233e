// The distribution an image is built on. /etc/os-release wins over /usr/lib/os-release (os-release(5)); the
// aggregation applies that precedence, this analyzer reads either.
import type { Analyzer, Found } from '../analyzer.js';
import { diagnosticsFound } from '../found.js';
import { parseOsRelease } from './parse.js';

export const OS_RELEASE_PATHS = ['etc/os-release', 'usr/lib/os-release'] as const;

export const osRelease: Analyzer = {
  id: 'os-release',
  maxBytes: 64 * 1024,
  wants: (info) => (OS_RELEASE_PATHS as readonly string[]).includes(info.path),
  analyze: async (file) => {
    const { value, diagnostics } = parseOsRelease(file.content.toString('utf8'), file.path);
    const found: Found[] = diagnosticsFound(diagnostics);
    if (value !== undefined) found.unshift({ kind: 'os', os: value });
    return found;
  },
};
