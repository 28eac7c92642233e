// HTML built by a tagged template that escapes every interpolated value, so text from the scanned host (names,
// evidence, labels) can only ever be text. Markup passes through only as `Markup`, made by `html` itself.

export class Markup {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type Interpolation = Markup | string | number | boolean | null | undefined | readonly Interpolation[];

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/gu;

/**
 * Escaped for both text and quoted attribute values. Control characters (other than tab and line breaks) and
 * bidirectional overrides are shown as U+FFFD: they are not valid in HTML text and can disguise what a value says.
 */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => ENTITIES[ch] ?? ch).replace(UNSAFE, '\ufffd');
}

function render(value: Interpolation): string {
  if (value instanceof Markup) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false || value === true) return '';
  return escapeHtml(String(value));
}

/** `html\`<p>${name}</p>\``: `name` is escaped; nested `html` results and arrays of them are kept as markup. */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): Markup {
  let out = strings[0] ?? '';
  for (const [i, value] of values.entries()) out += render(value) + (strings[i + 1] ?? '');
  return new Markup(out);
}
