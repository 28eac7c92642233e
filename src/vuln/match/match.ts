// Decides whether one installed package is affected by each advisory found for it, following the OSV schema's
// "Evaluation" rules (https://ossf.github.io/osv-schema/#evaluation): `versions` lists, then ranges of
// introduced / fixed / last_affected / limit events ordered by the ecosystem's own version ordering.
import type { Ecosystem } from '../../core/package/ecosystem.js';
import type { Package } from '../../core/package/package.js';
import type { Advisory, MatchOutcome, OsvAffected, OsvRange } from '../../core/result/vulnerability.js';
import type { AdvisorySource } from '../db/advisory-source.js';
import { normalizePackageName, parseOsvEcosystem } from '../db/osv-ecosystem.js';
import { npm as semver, type VersionScheme, versionSchemeFor } from '../versioning/index.js';

/** The distribution the packages come from (see `distroOf`): OS advisories are per distribution release. */
export interface MatchContext {
  readonly distro?: string;
  readonly release?: string;
}

/** What an advisory lookup and comparison use for a package. */
export interface PackageKey {
  readonly ecosystem: Ecosystem;
  readonly name: string;
  readonly version: string;
}

/**
 * Debian and Alpine advisories name source packages (osv.dev's converters key them by the Debian source and the
 * Alpine origin), so a binary package is matched through its source name and the source's version: libssl3
 * 3.0.20-1~deb12u2 is openssl 3.0.20-1~deb12u2, libssh2-1 1.10.0-3+b1 is libssh2 1.10.0-3.
 */
export function packageKeyOf(pkg: Package): PackageKey {
  if (pkg.ecosystem === 'deb' || pkg.ecosystem === 'apk') {
    return {
      ecosystem: pkg.ecosystem,
      name: pkg.sourceName ?? pkg.name,
      version: pkg.sourceVersion ?? pkg.version,
    };
  }
  return {
    ecosystem: pkg.ecosystem,
    name: normalizePackageName(pkg.ecosystem, pkg.name),
    version: pkg.version,
  };
}

/** Looks up and matches every package; outcomes in package order, then advisory id order. */
export async function matchPackages(
  packages: readonly Package[],
  source: AdvisorySource,
  context: MatchContext = {},
): Promise<MatchOutcome[]> {
  const keys = packages.map(packageKeyOf);
  const found = await lookUpAdvisories(keys, source);
  const byName = new Map<string, Advisory[]>();
  for (const [ecosystem, advisories] of found) {
    for (const advisory of advisories) {
      for (const name of namesIn(advisory, ecosystem)) {
        const slot = `${ecosystem}\0${name}`;
        const list = byName.get(slot);
        if (list === undefined) byName.set(slot, [advisory]);
        else list.push(advisory);
      }
    }
  }
  return packages.flatMap((pkg, i) => {
    const key = keys[i] ?? packageKeyOf(pkg);
    return matchPackage(pkg, byName.get(`${key.ecosystem}\0${key.name}`) ?? [], context);
  });
}

/** The advisories naming any of `keys`: one lookup per ecosystem for all its names (the store chunks long lists). */
export async function lookUpAdvisories(
  keys: readonly PackageKey[],
  source: AdvisorySource,
): Promise<Map<Ecosystem, readonly Advisory[]>> {
  const found = new Map<Ecosystem, readonly Advisory[]>();
  for (const ecosystem of new Set(keys.map((k) => k.ecosystem))) {
    const names = keys.filter((k) => k.ecosystem === ecosystem).map((k) => k.name);
    found.set(ecosystem, await source.findByPackage(ecosystem, names));
  }
  return found;
}

/** The (normalised) package names of `ecosystem` an advisory's affected entries name, each once. */
function namesIn(advisory: Advisory, ecosystem: Ecosystem): Set<string> {
  const names = new Set<string>();
  for (const affected of advisory.affected) {
    const parsed = parseOsvEcosystem(affected.package.ecosystem);
    if (parsed?.ecosystem === ecosystem) names.add(normalizePackageName(ecosystem, affected.package.name));
  }
  return names;
}

/** One outcome per advisory given; advisories that do not name the package's key are not-affected. */
export function matchPackage(
  pkg: Package,
  advisories: readonly Advisory[],
  context: MatchContext = {},
): MatchOutcome[] {
  const key = packageKeyOf(pkg);
  return advisories.map((advisory) => {
    const verdict = judgeAdvisory(advisory, key, context);
    if (verdict.kind === 'affected') {
      return {
        kind: 'affected',
        advisory,
        package: pkg,
        comparedVersion: key.version,
        fixedVersions: verdict.fixed,
        affectedEntry: verdict.entry,
      };
    }
    if (verdict.kind === 'unknown')
      return { kind: 'unknown', advisory, package: pkg, reason: verdict.reason };
    return { kind: 'not-affected', advisory, package: pkg };
  });
}

type Verdict =
  | { kind: 'affected'; fixed: string[] }
  | { kind: 'not-affected' }
  | { kind: 'unknown'; reason: string };

/** An advisory's verdict; an affected one names the first entry that holds the version (its ratings apply). */
type AdvisoryVerdict =
  | { kind: 'affected'; fixed: string[]; entry: OsvAffected }
  | Exclude<Verdict, { kind: 'affected' }>;

function judgeAdvisory(advisory: Advisory, key: PackageKey, context: MatchContext): AdvisoryVerdict {
  if (advisory.withdrawn !== undefined) return { kind: 'not-affected' };
  const verdicts: Verdict[] = [];
  let entry: OsvAffected | undefined;
  for (const affected of advisory.affected) {
    const applies = appliesTo(affected, key, context);
    if (applies === false) continue;
    const verdict = applies === true ? judgeAffected(affected, key) : applies;
    if (verdict.kind === 'affected') entry ??= affected;
    verdicts.push(verdict);
  }
  return entry === undefined
    ? combineUnaffected(verdicts)
    : { kind: 'affected', fixed: fixedOf(verdicts), entry };
}

/** true, false, or unknown when the advisory is per release and the package's release is not known. */
function appliesTo(affected: OsvAffected, key: PackageKey, context: MatchContext): boolean | Verdict {
  const ecosystem = parseOsvEcosystem(affected.package.ecosystem);
  if (ecosystem === undefined || ecosystem.ecosystem !== key.ecosystem) return false;
  if (normalizePackageName(ecosystem.ecosystem, affected.package.name) !== key.name) return false;
  if (ecosystem.distro !== undefined) {
    if (context.distro === undefined) {
      return unknown(
        `${affected.package.ecosystem} applies to one distribution and the package's is not known`,
      );
    }
    if (context.distro !== ecosystem.distro) return false;
  }
  if (ecosystem.release !== undefined) {
    if (context.release === undefined) {
      return unknown(`${affected.package.ecosystem} applies to one release and the package's is not known`);
    }
    if (context.release !== ecosystem.release) return false;
  }
  return true;
}

function judgeAffected(affected: OsvAffected, key: PackageKey): Verdict {
  const verdicts: Verdict[] = [];
  const scheme = versionSchemeFor(key.ecosystem);
  const installed = scheme.parse(key.version);
  if (affected.versions.includes(key.version)) {
    verdicts.push({ kind: 'affected', fixed: [] });
  } else if (installed !== undefined) {
    const isListed = affected.versions.some((v) => {
      const listed = scheme.parse(adaptEventVersion(key.ecosystem, 'ECOSYSTEM', v));
      return listed !== undefined && scheme.compare(listed, installed) === 0;
    });
    if (isListed) verdicts.push({ kind: 'affected', fixed: [] });
  }
  const evaluable = affected.ranges.filter((range) => range.type !== 'GIT');
  for (const range of evaluable) verdicts.push(judgeRange(range, key));
  if (evaluable.length === 0 && affected.versions.length === 0) {
    verdicts.push(unknown('the advisory gives only git commit ranges, which need the source repository'));
  }
  return combine(verdicts);
}

function fixedOf(verdicts: readonly Verdict[]): string[] {
  return [...new Set(verdicts.flatMap((v) => (v.kind === 'affected' ? v.fixed : [])))];
}

interface Event {
  readonly kind: 'introduced' | 'fixed' | 'last_affected' | 'limit';
  readonly raw: string;
  /** Undefined for introduced "0": before every version. */
  readonly version: unknown;
}

/**
 * OSV "Evaluation": with events sorted by version, a version is affected when the last event at or below it is
 * an `introduced` (a `last_affected` counts as closing just above itself); `limit` bounds the whole range. The
 * fixed version reported is the first `fixed` event above the installed version.
 */
function judgeRange(range: OsvRange, key: PackageKey): Verdict {
  const scheme: VersionScheme<unknown> = range.type === 'SEMVER' ? semver : versionSchemeFor(key.ecosystem);
  const installedRaw = range.type === 'SEMVER' ? key.version.replace(/^v/, '') : key.version;
  const installed = scheme.parse(installedRaw);
  if (installed === undefined) {
    return unknown(`installed version ${key.version} is not a ${schemeName(range, key)} version`);
  }
  const events: Event[] = [];
  for (const event of range.events) {
    const [kind, raw] = Object.entries(event).find(([, v]) => v !== undefined) as [Event['kind'], string];
    if (kind === 'introduced' && raw === '0') {
      events.push({ kind, raw, version: undefined });
      continue;
    }
    const version = scheme.parse(adaptEventVersion(key.ecosystem, range.type, raw));
    if (version === undefined)
      return unknown(`advisory version ${raw} is not a ${schemeName(range, key)} version`);
    events.push({ kind, raw, version });
  }
  const compare = (a: unknown, b: unknown) => scheme.compare(a, b);
  const atOrBelow = (e: Event) => e.version === undefined || compare(e.version, installed) <= 0;
  const limits = events.filter((e) => e.kind === 'limit');
  if (limits.length > 0 && limits.every((e) => atOrBelow(e))) return { kind: 'not-affected' };

  const ordered = events
    .filter((e) => e.kind !== 'limit')
    .sort((a, b) => {
      if (a.version === undefined) return b.version === undefined ? 0 : -1;
      if (b.version === undefined) return 1;
      return compare(a.version, b.version);
    });
  let isAffected = false;
  for (const event of ordered) {
    if (event.kind === 'introduced' && atOrBelow(event)) isAffected = true;
    else if (event.kind === 'fixed' && atOrBelow(event)) isAffected = false;
    else if (
      event.kind === 'last_affected' &&
      event.version !== undefined &&
      compare(event.version, installed) < 0
    ) {
      isAffected = false;
    }
  }
  if (!isAffected) return { kind: 'not-affected' };
  const fix = ordered.find((e) => e.kind === 'fixed' && !atOrBelow(e));
  return { kind: 'affected', fixed: fix === undefined ? [] : [fix.raw] };
}

/** Go advisories in OSV spell module versions without the `v` that Go (and go.ts) requires. */
function adaptEventVersion(ecosystem: Ecosystem, type: OsvRange['type'], raw: string): string {
  if (ecosystem === 'go' && type === 'ECOSYSTEM' && !raw.startsWith('v')) return `v${raw}`;
  return raw;
}

function schemeName(range: OsvRange, key: PackageKey): string {
  return range.type === 'SEMVER' ? 'semver' : key.ecosystem;
}

/** Affected wins (with every fixed version named); then unknown (a verdict we could not reach); else not. */
function combine(verdicts: readonly Verdict[]): Verdict {
  if (verdicts.some((v) => v.kind === 'affected')) return { kind: 'affected', fixed: fixedOf(verdicts) };
  return combineUnaffected(verdicts);
}

/** Verdicts none of which is affected: unknown when any is (with every reason), else not-affected. */
function combineUnaffected(verdicts: readonly Verdict[]): Exclude<Verdict, { kind: 'affected' }> {
  const unknowns = verdicts.filter((v): v is Extract<Verdict, { kind: 'unknown' }> => v.kind === 'unknown');
  if (unknowns.length > 0) return unknown([...new Set(unknowns.map((v) => v.reason))].join('; '));
  return { kind: 'not-affected' };
}

function unknown(reason: string): Extract<Verdict, { kind: 'unknown' }> {
  return { kind: 'unknown', reason };
}
