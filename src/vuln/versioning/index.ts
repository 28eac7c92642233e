// The version schemes, one per ecosystem: the only file that knows them all.
import type { Ecosystem } from '../../core/package/ecosystem.js';
import { createRegistry } from '../../core/registry.js';
import { apk } from './apk.js';
import { deb } from './deb.js';
import { go } from './go.js';
import { maven } from './maven.js';
import { pypi } from './pep440.js';
import { rpm } from './rpm.js';
import { npm } from './semver.js';
import type { VersionScheme } from './version-scheme.js';

export const versionSchemes = createRegistry(
  'version scheme',
  { deb, apk, rpm, npm, pypi, maven, go } satisfies Record<Ecosystem, VersionScheme<unknown>>,
  (scheme) => scheme.ecosystem,
);

/** The scheme of an ecosystem known only at run time (a package's), with its version type erased. */
export function versionSchemeFor(ecosystem: Ecosystem): VersionScheme<unknown> {
  return versionSchemes[ecosystem];
}

export type { ApkToken, ApkVersion } from './apk.js';
export type { DebVersion } from './deb.js';
export type { MavenItem, MavenVersion } from './maven.js';
export type { LocalSegment, Pep440Version, PreReleaseLabel } from './pep440.js';
export type { RpmVersion } from './rpm.js';
export type { SemVer } from './semver.js';
export { compareVersions, MAX_VERSION_LENGTH, type Ordering, type VersionScheme } from './version-scheme.js';
export { apk, deb, go, maven, npm, pypi, rpm };
