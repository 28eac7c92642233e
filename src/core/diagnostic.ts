// A problem found in user content (rule files, configuration, manifests): collected and returned, never thrown.

export type DiagnosticSeverity = 'error' | 'warning';

/** 1-based line and column in the named input. */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export interface Diagnostic {
  /** Stable, kebab-case; tests and users match on it (e.g. `rules-unknown-field`). */
  readonly code: string;
  /** Warnings never block; an error blocks only the item it belongs to. */
  readonly severity: DiagnosticSeverity;
  readonly message: string;
  readonly source?: SourceLocation;
}

/** The shape every loader of user content returns. */
export interface WithDiagnostics<T> {
  readonly value: T;
  readonly diagnostics: readonly Diagnostic[];
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** `file:line:column: severity code: message`, the form compilers print. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.source ? `${d.source.file}:${d.source.line}:${d.source.column}: ` : '';
  return `${where}${d.severity} ${d.code}: ${d.message}`;
}
