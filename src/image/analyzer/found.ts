// Helpers every analyzer shares to turn a parser's result into Found records.
import type { Diagnostic, WithDiagnostics } from '../../core/diagnostic.js';
import type { Package } from '../../core/package/package.js';
import type { Found } from './analyzer.js';

export function packagesFound(result: WithDiagnostics<readonly Package[]>): Found[] {
  return [
    ...result.value.map((pkg): Found => ({ kind: 'package', package: pkg })),
    ...diagnosticsFound(result.diagnostics),
  ];
}

export function diagnosticsFound(diagnostics: readonly Diagnostic[]): Found[] {
  return diagnostics.map((diagnostic): Found => ({ kind: 'diagnostic', diagnostic }));
}

export function diagnosticFound(code: string, file: string, message: string): Found {
  return { kind: 'diagnostic', diagnostic: { code, severity: 'warning', message: `${file}: ${message}` } };
}

/** A file cut at the analyzer's bound: said once, so a partial result is never mistaken for the whole. */
export function truncatedFound(analyzer: string, file: string, maxBytes: number): Found {
  return diagnosticFound(
    `${analyzer}-file-truncated`,
    file,
    `larger than ${maxBytes} bytes; only the first ${maxBytes} bytes were read`,
  );
}

/** The text up to the last complete line, so a cut file never yields a half-written record. */
export function completeLines(content: Buffer, truncated: boolean): string {
  const text = content.toString('utf8');
  if (!truncated) return text;
  const end = text.lastIndexOf('\n');
  return end === -1 ? '' : text.slice(0, end + 1);
}

/** The text up to the last blank line, for formats of blank-line separated records (deb822, apk's database). */
export function completeParagraphs(content: Buffer, truncated: boolean): string {
  const text = content.toString('utf8');
  if (!truncated) return text;
  const end = text.lastIndexOf('\n\n');
  return end === -1 ? '' : text.slice(0, end + 2);
}
