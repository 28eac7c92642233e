// npm's package-lock.json (docs.npmjs.com "package-lock.json"), lockfileVersion 1 to 3:
//   v2, v3: `packages` maps install paths ("node_modules/a/node_modules/b") to entries; "" is the root project.
//   v1:     `dependencies` maps names to entries, nested `dependencies` for copies installed below a package.
// v2 carries both; `packages` is the complete one and is preferred. Links (workspaces, `file:` deps) point at
// source directories, not installed copies, and are left out.
import type { Diagnostic, WithDiagnostics } from '../../../core/diagnostic.js';
import type { Package } from '../../../core/package/package.js';
import { formatPurl } from '../../../core/package/purl.js';

export interface NpmParseOptions {
  /** Names the input in diagnostics, e.g. `app/package-lock.json`. */
  readonly file: string;
}

interface Entry {
  readonly version?: unknown;
  readonly name?: unknown;
  readonly dev?: unknown;
  readonly link?: unknown;
  readonly dependencies?: unknown;
}

/** Packages in lockfile order; the same name and version at two paths gives two packages (two copies). */
export function parseNpmLockfile(text: string, options: NpmParseOptions): WithDiagnostics<Package[]> {
  let lock: unknown;
  try {
    lock = JSON.parse(text);
  } catch (err) {
    return failed(options.file, `not valid JSON (${(err as Error).message})`);
  }
  if (!isObject(lock)) return failed(options.file, 'not a JSON object');
  const diagnostics: Diagnostic[] = [];
  if (isObject(lock.packages)) {
    const packages: Package[] = [];
    for (const [path, entry] of Object.entries(lock.packages)) {
      if (path === '' || !isObject(entry) || entry.link === true) continue;
      const name = typeof entry.name === 'string' ? entry.name : nameFromPath(path);
      const pkg = toPackage(name, entry, path, options.file, diagnostics);
      if (pkg !== undefined) packages.push(pkg);
    }
    return { value: packages, diagnostics };
  }
  if (isObject(lock.dependencies)) {
    return { value: walkV1(lock.dependencies, 'node_modules', options.file, diagnostics, 0), diagnostics };
  }
  return failed(options.file, 'neither `packages` nor `dependencies` is present');
}

/** v1 nesting mirrors node_modules nesting; real trees are a few dozen levels at most. */
const MAX_DEPTH = 64;

function walkV1(
  dependencies: Record<string, unknown>,
  prefix: string,
  file: string,
  diagnostics: Diagnostic[],
  depth: number,
): Package[] {
  if (depth > MAX_DEPTH) {
    diagnostics.push({
      code: 'npm-too-deep',
      severity: 'warning',
      message: `${file}: ${prefix} nests too deep`,
    });
    return [];
  }
  return Object.entries(dependencies).flatMap(([name, entry]) => {
    if (!isObject(entry)) return [];
    const path = `${prefix}/${name}`;
    const pkg = toPackage(name, entry, path, file, diagnostics);
    const nested = isObject(entry.dependencies)
      ? walkV1(entry.dependencies, `${path}/node_modules`, file, diagnostics, depth + 1)
      : [];
    return pkg === undefined ? nested : [pkg, ...nested];
  });
}

function toPackage(
  name: string,
  entry: Entry,
  path: string,
  file: string,
  diagnostics: Diagnostic[],
): Package | undefined {
  // v1 records `file:` and git dependencies with a URL in place of a version; they have no registry version.
  if (typeof entry.version !== 'string' || name === '' || /^[a-z+]+:/i.test(entry.version)) {
    if (typeof entry.version !== 'string') {
      diagnostics.push({
        code: 'npm-entry-without-version',
        severity: 'warning',
        message: `${file}: ${path} has no version; skipped`,
      });
    }
    return undefined;
  }
  const scope = name.startsWith('@') ? name.slice(0, name.indexOf('/')) : undefined;
  const bare = scope === undefined ? name : name.slice(scope.length + 1);
  return {
    ecosystem: 'npm',
    name,
    version: entry.version,
    purl: formatPurl({
      type: 'npm',
      ...(scope === undefined ? {} : { namespace: scope }),
      name: bare,
      version: entry.version,
    }),
    location: path,
    ...(entry.dev === true ? { isDev: true } : {}),
  };
}

/** The package name is what follows the last `node_modules/`: `@scope/name` or `name`. */
function nameFromPath(path: string): string {
  const index = path.lastIndexOf('node_modules/');
  return index === -1 ? '' : path.slice(index + 'node_modules/'.length);
}

function failed(file: string, message: string): WithDiagnostics<Package[]> {
  return {
    value: [],
    diagnostics: [{ code: 'npm-unreadable-lockfile', severity: 'error', message: `${file}: ${message}` }],
  };
}

function isObject(value: unknown): value is Record<string, unknown> & Entry {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
