// Go module versions (go.dev/ref/mod#versions): semantic versions with a required "v", ordered by semver
// precedence (semver.ts), as golang.org/x/mod/semver orders them.
//
//   version = "v" semver                      (canonical: all three numbers present, as go.mod requires)
//   build   = "+incompatible" only            (a v2+ module without a go.mod; ignored by the order)
//
// Pseudo-versions (go.dev/ref/mod#pseudo-versions) need no rule of their own: each of the three forms
//   vX.0.0-yyyymmddhhmmss-abcdefabcdef        (no earlier tag)
//   vX.Y.Z-pre.0.yyyymmddhhmmss-abcdefabcdef  (after the prerelease vX.Y.Z-pre)
//   vX.Y.(Z+1)-0.yyyymmddhhmmss-abcdefabcdef  (after the release vX.Y.Z)
// is a prerelease that sorts after its base version and before the next tag, by commit time.
import { compareSemver, parseSemver, type SemVer } from './semver.js';
import { MAX_VERSION_LENGTH, type VersionScheme } from './version-scheme.js';

function parseGo(raw: string): SemVer | undefined {
  if (raw.length > MAX_VERSION_LENGTH || !raw.startsWith('v')) return undefined;
  const version = parseSemver(raw.slice(1));
  if (version === undefined) return undefined;
  const isIncompatible = version.build.length === 1 && version.build[0] === 'incompatible';
  if (version.build.length > 0 && !(isIncompatible && version.major !== '0' && version.major !== '1')) {
    return undefined;
  }
  return version;
}

export const go: VersionScheme<SemVer> = {
  ecosystem: 'go',
  parse: parseGo,
  compare: compareSemver,
};
