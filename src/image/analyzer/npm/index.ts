// npm packages: every package-lock.json outside node_modules, and the package.json of every installed copy
// under node_modules. Both give each package its directory in the image as `location`, so a package seen in a
// lockfile and in node_modules is one package once aggregated.
import { posix } from 'node:path';
import type { Analyzer, Found } from '../analyzer.js';
import { packagesFound, truncatedFound } from '../found.js';
import { parseNpmManifest } from './manifest.js';
import { parseNpmLockfile } from './parse.js';

const MANIFEST = /(?:^|\/)node_modules\/(?:@[^/]+\/)?[^/]+\/package\.json$/;
const LOCKFILE = /(?:^|\/)package-lock\.json$/;
const MAX_BYTES = 32 * 1024 * 1024;

export const npm: Analyzer = {
  id: 'npm',
  maxBytes: MAX_BYTES,
  wants: ({ path }) => MANIFEST.test(path) || (LOCKFILE.test(path) && !path.includes('node_modules/')),
  analyze: async (file) => {
    if (file.truncated) return [truncatedFound('npm', file.path, MAX_BYTES)];
    const text = file.content.toString('utf8');
    const dir = posix.dirname(file.path);
    if (MANIFEST.test(file.path)) return packagesFound(parseNpmManifest(text, file.path, dir));
    const { value, diagnostics } = parseNpmLockfile(text, { file: file.path });
    const found: Found[] = packagesFound({
      value: value.map((pkg) =>
        pkg.location === undefined || dir === '.' ? pkg : { ...pkg, location: `${dir}/${pkg.location}` },
      ),
      diagnostics,
    });
    return found;
  },
};
