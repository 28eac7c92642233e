// Python's installed-distribution metadata (packaging.python.org "Core metadata specifications"): the
// `METADATA` of a .dist-info directory, the `PKG-INFO` of an .egg-info directory, or an .egg-info file.
// It is an RFC 822 header block, ended by the first blank line (a description body may follow):
//
//   header = name ":" value { ( " " | "\t" ) continuation }
//
// Only `Name` and `Version` are read. The purl name is normalized as PEP 503 says (lower case, runs of
// `-`, `_` and `.` become one `-`), which the purl-spec's pypi type requires.
import type { Diagnostic, WithDiagnostics } from '../../../core/diagnostic.js';
import type { Package } from '../../../core/package/package.js';
import { formatPurl } from '../../../core/package/purl.js';

export function normalizePythonName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** `location` is the metadata's directory (or egg-info file) in the image. */
export function parsePythonMetadata(
  text: string,
  file: string,
  location: string,
): WithDiagnostics<Package[]> {
  const headers = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') break;
    if (line.startsWith(' ') || line.startsWith('\t')) continue;
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(key)) headers.set(key, line.slice(colon + 1).trim());
  }
  const name = headers.get('name');
  const version = headers.get('version');
  if (!name || !version) {
    const diagnostic: Diagnostic = {
      code: 'python-metadata-incomplete',
      severity: 'warning',
      message: `${file}: no ${name ? 'Version' : 'Name'} header; skipped`,
    };
    return { value: [], diagnostics: [diagnostic] };
  }
  return {
    value: [
      {
        ecosystem: 'pypi',
        name,
        version,
        location,
        purl: formatPurl({ type: 'pypi', name: normalizePythonName(name), version }),
      },
    ],
    diagnostics: [],
  };
}
