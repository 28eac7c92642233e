// What an image holds, from the analyzers' findings over its layers, oldest first (pure, no I/O):
// - packages are those of the files as the final image has them; each names the layer that introduced it, the
//   earliest layer from which it stayed in every later version of its file (a dpkg status rewritten by every
//   `apt-get install` keeps the base image's packages in the base layer);
// - secrets are those of every layer, including files a later layer deleted: the lower layer still ships them;
// - the OS is /etc/os-release's, else /usr/lib/os-release's, and names the namespace and `distro` qualifier of
//   every OS package's purl (purl-spec: deb, apk and rpm types).
import type { Diagnostic } from '../core/diagnostic.js';
import type { LayerFileEvent, LayerRef } from '../core/image/layer-file.js';
import type { Ecosystem } from '../core/package/ecosystem.js';
import type { Package } from '../core/package/package.js';
import type { Found, OsRelease, SecretFound } from './analyzer/analyzer.js';

export interface AnalyzedFile {
  readonly event: LayerFileEvent;
  /** What the analyzers found in this version of the file; empty for a removal. */
  readonly found: readonly Found[];
}

export type LayerSecret = SecretFound & { readonly layer: string };

export interface ImageFindings {
  readonly os?: OsRelease;
  /** Each with `layer` set; sorted by ecosystem, name, version, location. */
  readonly packages: readonly Package[];
  readonly secrets: readonly LayerSecret[];
  readonly diagnostics: readonly Diagnostic[];
}

interface PathState {
  readonly os?: OsRelease;
  /** The file's packages, each with the layer it has been present since. */
  readonly packages: readonly { readonly pkg: Package; readonly since: LayerRef }[];
}

const OS_PRECEDENCE = ['etc/os-release', 'usr/lib/os-release'];
const OS_ECOSYSTEMS: ReadonlySet<Ecosystem> = new Set(['deb', 'apk', 'rpm']);

export function aggregateFindings(files: Iterable<AnalyzedFile>): ImageFindings {
  const paths = new Map<string, PathState>();
  const secrets: LayerSecret[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const { event, found } of files) {
    if (event.kind === 'removed') {
      paths.delete(event.path);
      continue;
    }
    const layer = event.layer;
    const previous = sinceByIdentity(paths.get(event.path));
    const packages: { pkg: Package; since: LayerRef }[] = [];
    let os: OsRelease | undefined;
    for (const item of found) {
      if (item.kind === 'package') {
        const earlier = previous.get(identity(item.package))?.shift();
        packages.push({ pkg: item.package, since: earlier ?? layer });
      } else if (item.kind === 'os') {
        os = item.os;
      } else if (item.kind === 'secret') {
        secrets.push({ ...item.secret, layer: layer.diffId });
      } else {
        diagnostics.push(item.diagnostic);
      }
    }
    paths.set(event.path, { ...(os === undefined ? {} : { os }), packages });
  }
  const os = OS_PRECEDENCE.map((path) => paths.get(path)?.os).find((value) => value !== undefined);
  const packages = finalPackages(paths, os);
  if (os === undefined && packages.some((pkg) => OS_ECOSYSTEMS.has(pkg.ecosystem))) {
    diagnostics.push({
      code: 'image-os-unknown',
      severity: 'warning',
      message: 'OS packages found but no os-release file: their purls carry no distribution',
    });
  }
  return { ...(os === undefined ? {} : { os }), packages, secrets, diagnostics };
}

/** Same package in two versions of one file: same name, version, architecture and place. */
function identity(pkg: Package): string {
  return [pkg.ecosystem, pkg.name, pkg.version, pkg.arch ?? '', pkg.location ?? ''].join('\0');
}

/** Several copies with one identity (two lockfile entries) are matched up in order. */
function sinceByIdentity(state: PathState | undefined): Map<string, LayerRef[]> {
  const since = new Map<string, LayerRef[]>();
  for (const { pkg, since: layer } of state?.packages ?? []) {
    const key = identity(pkg);
    const list = since.get(key);
    if (list === undefined) since.set(key, [layer]);
    else list.push(layer);
  }
  return since;
}

/** A package reported by two files (dpkg status and status.d, a lockfile and node_modules) is listed once. */
function finalPackages(paths: ReadonlyMap<string, PathState>, os: OsRelease | undefined): Package[] {
  const byIdentity = new Map<string, { pkg: Package; since: LayerRef }>();
  for (const state of paths.values()) {
    for (const entry of state.packages) {
      const key = identity(entry.pkg);
      const seen = byIdentity.get(key);
      if (seen === undefined || entry.since.index < seen.since.index) byIdentity.set(key, entry);
    }
  }
  const packages = [...byIdentity.values()].map(({ pkg, since }): Package => {
    const purl =
      pkg.purl !== undefined && os !== undefined && OS_ECOSYSTEMS.has(pkg.ecosystem)
        ? withDistro(pkg.purl, pkg.ecosystem, os)
        : pkg.purl;
    return { ...pkg, ...(purl === undefined ? {} : { purl }), layer: since.diffId };
  });
  return packages.sort(comparePackages);
}

function comparePackages(a: Package, b: Package): number {
  for (const [x, y] of [
    [a.ecosystem, b.ecosystem],
    [a.name, b.name],
    [a.version, b.version],
    [a.location ?? '', b.location ?? ''],
    [a.arch ?? '', b.arch ?? ''],
  ] as const) {
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/**
 * The purl with the OS as namespace (the vendor: `debian`, `ubuntu`, `alpine`, `fedora`) and the `distro`
 * qualifier: `debian-12`, `fedora-39` (purl-spec deb and rpm examples), and the bare release for apk
 * (`3.19.1`, as Alpine tooling writes it). Other qualifiers are kept, sorted as the canonical form wants.
 */
export function withDistro(purl: string, ecosystem: Ecosystem, os: OsRelease): string {
  const match = /^pkg:([^/?#]+)\/([^?#]*?)(?:\?([^#]*))?(#.*)?$/.exec(purl);
  if (match === null) return purl;
  const [, type, path = '', query, subpath = ''] = match;
  const segments = path.split('/');
  const name = segments[segments.length - 1] ?? '';
  const qualifiers = new Map<string, string>();
  for (const pair of (query ?? '').split('&')) {
    const equals = pair.indexOf('=');
    if (equals > 0) qualifiers.set(pair.slice(0, equals), pair.slice(equals + 1));
  }
  const distro =
    ecosystem === 'apk' ? os.versionId : os.versionId === undefined ? os.id : `${os.id}-${os.versionId}`;
  if (distro !== undefined) qualifiers.set('distro', encodeURIComponent(distro));
  const sorted = [...qualifiers].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const rendered = sorted.map(([key, value]) => `${key}=${value}`).join('&');
  return `pkg:${type}/${encodeURIComponent(os.id)}/${name}${rendered === '' ? '' : `?${rendered}`}${subpath}`;
}
