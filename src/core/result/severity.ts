// Severity of a failing result, ordered from least to most severe.

export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export function isSeverity(value: string): value is Severity {
  return (SEVERITIES as readonly string[]).includes(value);
}

/** Rank for ordering and gating: info=0 … critical=4. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

export function isAtLeast(severity: Severity, gate: Severity): boolean {
  return severityRank(severity) >= severityRank(gate);
}
