// apk's database of installed packages, /lib/apk/db/installed: one block per package, one `K:value` line per
// field, blocks separated by blank lines (apk-tools "Installed database V2 format", apk-spec(5)).
//   P: name   V: version   A: architecture   o: origin (the source package, APKBUILD pkgname)
// Subpackages share their origin's version, so the source version is the package version.
import type { Diagnostic, WithDiagnostics } from '../../../core/diagnostic.js';
import type { Package } from '../../../core/package/package.js';
import { formatPurl } from '../../../core/package/purl.js';

export interface ApkParseOptions {
  /** Names the input in diagnostics, e.g. `lib/apk/db/installed`. */
  readonly file: string;
  /** purl `distro` qualifier: os-release VERSION_ID, e.g. `3.18.4`. */
  readonly distro?: string;
  /** purl namespace: the os-release ID (`alpine`, `wolfi`); default `alpine`. */
  readonly vendor?: string;
}

export function parseApkInstalled(text: string, options: ApkParseOptions): WithDiagnostics<Package[]> {
  const packages: Package[] = [];
  const diagnostics: Diagnostic[] = [];
  let fields = new Map<string, string>();
  let start = 1;
  const flush = () => {
    if (fields.size === 0) return;
    const name = fields.get('P');
    const version = fields.get('V');
    if (name === undefined || version === undefined) {
      diagnostics.push({
        code: 'apk-incomplete-block',
        severity: 'warning',
        message: `a package block without ${name === undefined ? 'P:' : 'V:'}; skipped`,
        source: { file: options.file, line: start, column: 1 },
      });
    } else {
      const arch = fields.get('A');
      const origin = fields.get('o') ?? name;
      packages.push({
        ecosystem: 'apk',
        name,
        version,
        sourceName: origin,
        sourceVersion: version,
        ...(arch === undefined ? {} : { arch }),
        purl: formatPurl({
          type: 'apk',
          namespace: options.vendor ?? 'alpine',
          name,
          version,
          qualifiers: { arch, distro: options.distro, upstream: origin === name ? undefined : origin },
        }),
      });
    }
    fields = new Map();
  };
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '') {
      flush();
      continue;
    }
    if (fields.size === 0) start = i + 1;
    // Keys are one character; a repeated key (F:, R: per file) keeps its first value, which is all we read.
    if (line[1] === ':' && !fields.has(line[0] ?? '')) fields.set(line[0] ?? '', line.slice(2).trim());
  }
  flush();
  return { value: packages, diagnostics };
}
