// Installed Python distributions, wherever they sit (site-packages, dist-packages, virtual environments).
import { posix } from 'node:path';
import type { Analyzer } from '../analyzer.js';
import { packagesFound } from '../found.js';
import { parsePythonMetadata } from './parse.js';

const METADATA = /(?:^|\/)[^/]+\.dist-info\/METADATA$/;
const PKG_INFO = /(?:^|\/)[^/]+\.egg-info\/PKG-INFO$/;
const EGG_INFO_FILE = /(?:^|\/)[^/]+\.egg-info$/;

export const python: Analyzer = {
  id: 'python',
  // Only the header block is read, and it comes first; a long description after it may be cut.
  maxBytes: 256 * 1024,
  wants: ({ path }) => METADATA.test(path) || PKG_INFO.test(path) || EGG_INFO_FILE.test(path),
  analyze: async (file) => {
    const location = EGG_INFO_FILE.test(file.path) ? file.path : posix.dirname(file.path);
    return packagesFound(parsePythonMetadata(file.content.toString('utf8'), file.path, location));
  },
};
