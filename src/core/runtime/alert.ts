// What a matching runtime rule produces: one JSON line per alert on the agent's output.

/** Falco's priorities, most severe first. */
export const RULE_PRIORITIES = [
  'emergency',
  'alert',
  'critical',
  'error',
  'warning',
  'notice',
  'informational',
  'debug',
] as const;
export type RulePriority = (typeof RULE_PRIORITIES)[number];

/** Accepts Falco's spellings case-insensitively, including `info` for informational. */
export function parseRulePriority(value: string): RulePriority | undefined {
  const lower = value.trim().toLowerCase();
  if (lower === 'info') return 'informational';
  return (RULE_PRIORITIES as readonly string[]).includes(lower) ? (lower as RulePriority) : undefined;
}

export type AlertFieldValue = string | number | boolean | null;

export interface Alert {
  /** ISO 8601 time of the event. */
  time: string;
  rule: string;
  priority: RulePriority;
  /** The rule's output template rendered with the event's values (`<NA>` where a value is unknown). */
  output: string;
  tags: string[];
  container: { id: string; name: string | null; image: string | null };
  /** The event's values of the fields the rule's condition and output use, keyed by field (`proc.cmdline`). */
  fields: Record<string, AlertFieldValue>;
}
