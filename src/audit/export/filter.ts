// Which entries a destination receives: actions by glob (`finding.*`, `*.opened`) and a minimum severity.
import type { AuditEntry } from '../../core/audit/audit-entry.js';
import { globToRegExp } from '../../core/glob.js';
import { isAtLeast, type Severity } from '../../core/result/severity.js';
import { entrySeverity } from './event.js';

export interface EventFilter {
  /** Globs over the dotted action; `*` matches any run of characters. Absent: every action. */
  readonly actions?: readonly string[];
  /** Entries below it, and entries with no severity at all, are left out. Absent: no severity filter. */
  readonly minSeverity?: Severity;
}

/** Compiled once per destination; the returned predicate runs per entry. */
export function compileFilter(filter: EventFilter): (entry: AuditEntry) => boolean {
  const patterns = filter.actions?.map((glob) => globToRegExp(glob));
  const minimum = filter.minSeverity;
  return (entry) => {
    if (patterns !== undefined && !patterns.some((p) => p.test(entry.action))) return false;
    if (minimum === undefined) return true;
    const severity = entrySeverity(entry);
    return severity !== undefined && isAtLeast(severity, minimum);
  };
}
