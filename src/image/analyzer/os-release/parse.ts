// os-release(5): newline-separated VAR=value assignments, values optionally in single or double quotes with
// shell-style backslash escapes inside double quotes; `#` starts a comment line.
//
//   line  = [ name "=" value ] | "#" text
//   value = '"' { char | "\" char } '"' | "'" { char } "'" | { char }
import type { Diagnostic, WithDiagnostics } from '../../../core/diagnostic.js';
import type { OsRelease } from '../analyzer.js';

const ASSIGNMENT = /^([A-Z_][A-Z0-9_]*)=(.*)$/;

/** `undefined` (with a diagnostic) when the file has no `ID`: without it no advisory source can be chosen. */
export function parseOsRelease(text: string, file: string): WithDiagnostics<OsRelease | undefined> {
  const fields = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = ASSIGNMENT.exec(line);
    const value = match?.[2] === undefined ? undefined : unquote(match[2]);
    if (match?.[1] === undefined || value === undefined) {
      diagnostics.push({
        code: 'os-release-bad-line',
        severity: 'warning',
        message: 'not a NAME=value assignment; skipped',
        source: { file, line: i + 1, column: 1 },
      });
      continue;
    }
    fields.set(match[1], value);
  }
  const id = fields.get('ID');
  if (id === undefined || id === '') {
    diagnostics.push({ code: 'os-release-without-id', severity: 'warning', message: `${file}: no ID= line` });
    return { value: undefined, diagnostics };
  }
  const versionId = fields.get('VERSION_ID');
  const prettyName = fields.get('PRETTY_NAME');
  return {
    value: {
      id: id.toLowerCase(),
      ...(versionId ? { versionId } : {}),
      ...(prettyName ? { prettyName } : {}),
    },
    diagnostics,
  };
}

function unquote(raw: string): string | undefined {
  const quote = raw[0];
  if (quote !== '"' && quote !== "'") return /["'`$\\\s]/.test(raw) ? undefined : raw;
  if (raw.length < 2 || raw[raw.length - 1] !== quote) return undefined;
  const inner = raw.slice(1, -1);
  return quote === '"' ? inner.replace(/\\(["\\$`])/g, '$1') : inner;
}
