// Vulnerability matching: packages plus advisories give outcomes (affected | not-affected | unknown).
export {
  lookUpAdvisories,
  type MatchContext,
  matchPackage,
  matchPackages,
  type PackageKey,
  packageKeyOf,
} from './match.js';
