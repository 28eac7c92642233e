// The analyzers, one folder each: the only file that knows them all. The walker offers each file to every
// analyzer whose `wants` accepts it.
import { createRegistry } from '../../core/registry.js';
import type { Analyzer } from './analyzer.js';
import { apk } from './apk/index.js';
import { dpkg } from './dpkg/index.js';
import { goBinary } from './go-binary/index.js';
import { java } from './java/index.js';
import { npm } from './npm/index.js';
import { osRelease } from './os-release/index.js';
import { python } from './python/index.js';
import { rpm } from './rpm/index.js';
import { secrets } from './secrets/index.js';

export const analyzers = createRegistry(
  'analyzer',
  { 'os-release': osRelease, dpkg, apk, rpm, npm, python, 'go-binary': goBinary, java, secrets },
  (analyzer: Analyzer) => analyzer.id,
);

export type AnalyzerId = keyof typeof analyzers;

export type { Analyzer, Found, OsRelease, SecretFound } from './analyzer.js';
export { OS_RELEASE_PATHS } from './os-release/index.js';
export { findEnvSecrets, hashSecret } from './secrets/parse.js';
