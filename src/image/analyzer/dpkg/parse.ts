// dpkg's database of installed packages: /var/lib/dpkg/status, and the one-file-per-package status.d/ that
// distroless images carry instead. Both are deb822 control paragraphs (deb822(5), dpkg-query(1) for fields).
//
//   paragraph = field { field }          separated by blank lines
//   field     = name ":" value { continuation }
//   continuation = ( " " | "\t" ) text   (a line of "." is an empty line of a long description)
//
// `Source:` names the source package, with its version in parentheses when it differs from the binary's
// ("libssh2 (1.10.0-3)" for libssh2-1 1.10.0-3+b1); absent, the source is the binary package itself.
import type { Diagnostic, WithDiagnostics } from '../../../core/diagnostic.js';
import type { Package } from '../../../core/package/package.js';
import { formatPurl } from '../../../core/package/purl.js';

export interface DpkgParseOptions {
  /** Names the input in diagnostics, e.g. `var/lib/dpkg/status`. */
  readonly file: string;
  /** purl `distro` qualifier, e.g. `debian-12` (os-release ID and VERSION_ID). */
  readonly distro?: string;
  /** purl namespace: the os-release ID (`debian`, `ubuntu`); default `debian`. */
  readonly vendor?: string;
}

/**
 * Package states whose files are on disk (dpkg(1) "Package states"): `config-files` and `not-installed` leave
 * only configuration behind, so they carry no vulnerable code.
 */
const PRESENT_STATES = new Set([
  'installed',
  'unpacked',
  'half-configured',
  'triggers-awaited',
  'triggers-pending',
]);

const SOURCE = /^(\S+)(?:\s+\((\S+)\))?$/;

/** Parses a status file (or one status.d file). Paragraphs without Package or Version are diagnostics. */
export function parseDpkgStatus(text: string, options: DpkgParseOptions): WithDiagnostics<Package[]> {
  const packages: Package[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const { fields, line } of readParagraphs(text)) {
    const name = fields.get('package');
    const version = fields.get('version');
    if (name === undefined || version === undefined) {
      diagnostics.push({
        code: 'dpkg-incomplete-paragraph',
        severity: 'warning',
        message: `a paragraph without ${name === undefined ? 'Package' : 'Version'}; skipped`,
        source: { file: options.file, line, column: 1 },
      });
      continue;
    }
    // status.d entries have no Status field: each file there is one installed package.
    const status = fields.get('status');
    if (status !== undefined && !PRESENT_STATES.has(status.split(/\s+/)[2] ?? '')) continue;
    const source = SOURCE.exec(fields.get('source') ?? '');
    const sourceName = source?.[1] ?? name;
    const sourceVersion = source?.[2] ?? version;
    const arch = fields.get('architecture');
    packages.push({
      ecosystem: 'deb',
      name,
      version,
      sourceName,
      sourceVersion,
      ...(arch === undefined ? {} : { arch }),
      purl: formatPurl({
        type: 'deb',
        namespace: options.vendor ?? 'debian',
        name,
        version,
        qualifiers: {
          arch,
          distro: options.distro,
          upstream:
            sourceName === name && sourceVersion === version ? undefined : `${sourceName}@${sourceVersion}`,
        },
      }),
    });
  }
  return { value: packages, diagnostics };
}

interface Paragraph {
  /** Field names lower-cased (deb822 names are case-insensitive); first line of each value only. */
  readonly fields: Map<string, string>;
  /** 1-based line of the paragraph's first field. */
  readonly line: number;
}

function* readParagraphs(text: string): Generator<Paragraph> {
  let fields = new Map<string, string>();
  let start = 0;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '') {
      if (fields.size > 0) yield { fields, line: start };
      fields = new Map();
      continue;
    }
    if (line.startsWith(' ') || line.startsWith('\t')) continue;
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    if (fields.size === 0) start = i + 1;
    fields.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  if (fields.size > 0) yield { fields, line: start };
}
