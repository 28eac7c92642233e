// OSV ecosystem strings ("Debian:12", "Alpine:v3.18", "npm", "Red Hat:enterprise_linux:9::appstream") read as
// our Ecosystem plus, for distributions, the distribution and release an advisory is about
// (https://ossf.github.io/osv-schema/#affectedpackage-field, "Defined ecosystems").
import type { Ecosystem } from '../../core/package/ecosystem.js';

export interface OsvEcosystem {
  readonly ecosystem: Ecosystem;
  /** Our distribution id (os-release `ID`) for OS ecosystems; absent for language ecosystems. */
  readonly distro?: string;
  /** The release the advisory is about, normalised as `releaseOf` normalises os-release `VERSION_ID`. */
  readonly release?: string;
}

interface Distro {
  readonly ecosystem: Ecosystem;
  readonly id: string;
  /** os-release `ID` values of this distribution. */
  readonly osReleaseIds: readonly string[];
  /** How many numeric parts of a version name a release: Debian 12.5 is release 12, Alpine 3.18.4 is 3.18. */
  readonly releaseParts: number;
}

const DISTROS: Readonly<Record<string, Distro>> = {
  Debian: { ecosystem: 'deb', id: 'debian', osReleaseIds: ['debian'], releaseParts: 1 },
  Ubuntu: { ecosystem: 'deb', id: 'ubuntu', osReleaseIds: ['ubuntu'], releaseParts: 2 },
  Alpine: { ecosystem: 'apk', id: 'alpine', osReleaseIds: ['alpine'], releaseParts: 2 },
  Wolfi: { ecosystem: 'apk', id: 'wolfi', osReleaseIds: ['wolfi'], releaseParts: 0 },
  Chainguard: { ecosystem: 'apk', id: 'chainguard', osReleaseIds: ['chainguard'], releaseParts: 0 },
  'Red Hat': { ecosystem: 'rpm', id: 'rhel', osReleaseIds: ['rhel'], releaseParts: 1 },
  'Rocky Linux': { ecosystem: 'rpm', id: 'rocky', osReleaseIds: ['rocky'], releaseParts: 1 },
  AlmaLinux: { ecosystem: 'rpm', id: 'almalinux', osReleaseIds: ['almalinux'], releaseParts: 1 },
};

const LANGUAGES: Readonly<Record<string, Ecosystem>> = {
  npm: 'npm',
  PyPI: 'pypi',
  Maven: 'maven',
  Go: 'go',
};

const RELEASE = /^v?(\d+(?:\.\d+)*)$/;

/** Undefined for ecosystems Coastguard does not scan (crates.io, RubyGems, …): their records are not indexed. */
export function parseOsvEcosystem(value: string): OsvEcosystem | undefined {
  const language = LANGUAGES[value];
  if (language !== undefined) return { ecosystem: language };
  const [name = '', ...rest] = value.split(':');
  const distro = DISTROS[name];
  if (distro === undefined) return undefined;
  // The release is the first numeric part: "Red Hat:enterprise_linux:9::appstream" is RHEL 9.
  const numeric = rest.map((part) => RELEASE.exec(part.trim())?.[1]).find((part) => part !== undefined);
  const release = numeric === undefined ? undefined : truncateRelease(numeric, distro.releaseParts);
  return { ecosystem: distro.ecosystem, distro: distro.id, ...(release === undefined ? {} : { release }) };
}

/** The distribution a package database belongs to, from os-release `ID` and `VERSION_ID`. */
export function distroOf(
  osReleaseId: string,
  versionId?: string,
): { distro: string; release?: string } | undefined {
  const distro = Object.values(DISTROS).find((d) => d.osReleaseIds.includes(osReleaseId.toLowerCase()));
  if (distro === undefined) return undefined;
  const numeric = versionId === undefined ? undefined : RELEASE.exec(versionId.trim())?.[1];
  const release = numeric === undefined ? undefined : truncateRelease(numeric, distro.releaseParts);
  return release === undefined ? { distro: distro.id } : { distro: distro.id, release };
}

/** Rolling distributions (Wolfi) have no release: every record applies. */
function truncateRelease(numeric: string, parts: number): string | undefined {
  if (parts === 0) return undefined;
  return numeric.split('.').slice(0, parts).join('.');
}

/**
 * The name an index is keyed by. PyPI names compare after PEP 503 normalisation (`Foo_Bar` is `foo-bar`);
 * every other ecosystem compares names exactly.
 */
export function normalizePackageName(ecosystem: Ecosystem, name: string): string {
  return ecosystem === 'pypi' ? name.toLowerCase().replace(/[-_.]+/g, '-') : name;
}
