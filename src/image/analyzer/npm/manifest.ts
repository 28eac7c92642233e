// An installed npm package's own package.json (docs.npmjs.com "package.json"): only `name` and `version` are
// read; they are what npm itself records for the installed copy.
import type { Diagnostic, WithDiagnostics } from '../../../core/diagnostic.js';
import type { Package } from '../../../core/package/package.js';
import { formatPurl } from '../../../core/package/purl.js';

/** `location` is the package's directory in the image, e.g. `app/node_modules/@scope/name`. */
export function parseNpmManifest(text: string, file: string, location: string): WithDiagnostics<Package[]> {
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch (err) {
    return failed('npm-manifest-unreadable', file, `not valid JSON (${(err as Error).message})`);
  }
  if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) {
    return failed('npm-manifest-unreadable', file, 'not a JSON object');
  }
  const { name, version } = manifest as { name?: unknown; version?: unknown };
  if (typeof name !== 'string' || typeof version !== 'string' || name === '' || version === '') {
    return failed('npm-manifest-without-version', file, 'no string `name` and `version`; skipped');
  }
  const slash = name.indexOf('/');
  const scope = name.startsWith('@') && slash > 1 ? name.slice(0, slash) : undefined;
  return {
    value: [
      {
        ecosystem: 'npm',
        name,
        version,
        location,
        purl: formatPurl({
          type: 'npm',
          ...(scope === undefined ? {} : { namespace: scope }),
          name: scope === undefined ? name : name.slice(slash + 1),
          version,
        }),
      },
    ],
    diagnostics: [],
  };
}

function failed(code: string, file: string, message: string): WithDiagnostics<Package[]> {
  const diagnostic: Diagnostic = { code, severity: 'warning', message: `${file}: ${message}` };
  return { value: [], diagnostics: [diagnostic] };
}
