// Output templates: `%field` placeholders (falco.org/docs/concepts/rules/outputs/formatting) rendered with an
// event's values; a field we do not provide, or a value the event does not carry, renders as `<NA>`.

import type { RuntimeEvent } from '../../core/runtime/runtime-event.js';
import type { FieldRegistry, FieldValue, ResolvedField } from './fields/index.js';

export type OutputPart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'field'; readonly field: ResolvedField }
  | { readonly kind: 'unknown'; readonly name: string };

export interface OutputTemplate {
  readonly template: string;
  readonly parts: readonly OutputPart[];
  /** The known fields the template shows. */
  readonly fields: readonly ResolvedField[];
  /** Placeholders naming fields we do not provide (always rendered `<NA>`). */
  readonly unknown: readonly string[];
}

export const NOT_AVAILABLE = '<NA>';

/** `%name`, `%name.sub`, `%name[arg]`; `%%` is a literal percent sign. */
const PLACEHOLDER = /%%|%([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*)(?:\[([^\]\s]*)\])?/g;

export function compileOutput(template: string, registry: FieldRegistry): OutputTemplate {
  const parts: OutputPart[] = [];
  const fields = new Map<string, ResolvedField>();
  const unknown: string[] = [];
  let last = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    const at = m.index ?? 0;
    if (at > last) parts.push({ kind: 'text', text: template.slice(last, at) });
    last = at + m[0].length;
    if (m[0] === '%%') {
      parts.push({ kind: 'text', text: '%' });
      continue;
    }
    const name = m[1] as string;
    const arg = m[2] ?? null;
    const resolution = registry.resolve(name, arg);
    if ('field' in resolution) {
      parts.push({ kind: 'field', field: resolution.field });
      fields.set(resolution.field.key, resolution.field);
    } else {
      const written = arg === null ? name : `${name}[${arg}]`;
      parts.push({ kind: 'unknown', name: written });
      if (!unknown.includes(written)) unknown.push(written);
    }
  }
  if (last < template.length) parts.push({ kind: 'text', text: template.slice(last) });
  return { template, parts, fields: [...fields.values()], unknown };
}

export function formatFieldValue(value: FieldValue): string {
  if (value === null || value === undefined) return NOT_AVAILABLE;
  if (Array.isArray(value)) return value.length === 0 ? NOT_AVAILABLE : value.join(',');
  return String(value);
}

/** A field's value, or null when the event lacks the members the field reads (a malformed foreign event). */
export function readFieldSafely(field: ResolvedField, event: RuntimeEvent): FieldValue {
  try {
    return field.definition.read(event, field.arg) ?? null;
  } catch {
    return null;
  }
}

export function renderOutput(output: OutputTemplate, event: RuntimeEvent): string {
  let out = '';
  for (const part of output.parts) {
    if (part.kind === 'text') out += part.text;
    else if (part.kind === 'unknown') out += NOT_AVAILABLE;
    else out += formatFieldValue(readFieldSafely(part.field, event));
  }
  return out;
}
