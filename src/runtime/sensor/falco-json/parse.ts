// One line of Falco's JSON output (json_output: true) as an alert. Falco has already decided these: they pass
// through our pipeline as alerts, attributed to the container Falco names (a 12-character id, or `host`).
import { type Alert, type AlertFieldValue, parseRulePriority } from '../../../core/runtime/alert.js';

/** Field values beyond this are cut: an alert line is evidence, not a data channel. */
const MAX_VALUE_CHARS = 4_096;
const MAX_FIELDS = 200;

function scalar(value: unknown): AlertFieldValue | undefined {
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'string')
    return value.length > MAX_VALUE_CHARS ? value.slice(0, MAX_VALUE_CHARS) : value;
  return undefined;
}

/** The alert, or why the line is not a Falco alert. */
export function parseFalcoLine(line: string): Alert | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    return { error: `not JSON (${(err as Error).message})` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { error: 'not a JSON object' };
  const v = value as Record<string, unknown>;
  if (typeof v.rule !== 'string' || v.rule === '') return { error: 'no rule' };
  if (typeof v.output !== 'string') return { error: 'no output' };
  const priority = typeof v.priority === 'string' ? parseRulePriority(v.priority) : undefined;
  if (priority === undefined)
    return { error: `priority ${JSON.stringify(v.priority)} is not one of Falco's` };
  const time = typeof v.time === 'string' ? Date.parse(v.time) : Number.NaN;
  if (Number.isNaN(time)) return { error: `time ${JSON.stringify(v.time)} is not a date` };
  const raw =
    typeof v.output_fields === 'object' && v.output_fields !== null && !Array.isArray(v.output_fields)
      ? (v.output_fields as Record<string, unknown>)
      : {};
  const fields: Record<string, AlertFieldValue> = {};
  for (const [key, field] of Object.entries(raw).slice(0, MAX_FIELDS)) {
    const s = scalar(field);
    if (s !== undefined) fields[key] = s;
  }
  const id =
    typeof fields['container.id'] === 'string' && fields['container.id'] !== ''
      ? fields['container.id']
      : 'host';
  const name = typeof fields['container.name'] === 'string' ? fields['container.name'] : null;
  const image =
    typeof fields['container.image.repository'] === 'string' ? fields['container.image.repository'] : null;
  const tags = Array.isArray(v.tags)
    ? v.tags.filter((t): t is string => typeof t === 'string').slice(0, 50)
    : [];
  return {
    time: new Date(time).toISOString(),
    rule: v.rule.slice(0, 512),
    priority,
    output: v.output.slice(0, MAX_VALUE_CHARS),
    tags: [...tags, 'falco'],
    container: { id, name: name === '<NA>' ? null : name, image: image === '<NA>' ? null : image },
    fields: { ...fields, ...(typeof v.hostname === 'string' ? { 'falco.hostname': v.hostname } : {}) },
  };
}
