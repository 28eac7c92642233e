// Untrusted text made safe for a terminal and fitted to a column: evidence and names come from the host being
// scanned, and a raw escape sequence in them could recolour, retitle or clear the reader's terminal.

/** C0 and C1 controls, DEL, and the bidirectional overrides that can make text read differently than it is. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/gu;

/** One line of inert text: line breaks and tabs become spaces, other controls a visible `\xNN` / `\uNNNN`. */
export function toTerminalText(value: string): string {
  return value.replace(UNSAFE, (ch) => {
    if (ch === '\n' || ch === '\r' || ch === '\t') return ' ';
    const code = ch.codePointAt(0) ?? 0;
    return code <= 0xff
      ? `\\x${code.toString(16).padStart(2, '0')}`
      : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** Width in terminal cells, counting code points (so an emoji or CJK character may be one cell short). */
export function textWidth(text: string): number {
  let width = 0;
  for (const _ of text) width += 1;
  return width;
}

/** At most `width` cells; a cut is marked with an ellipsis so a reader knows there is more. */
export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  const chars = [...text];
  if (chars.length <= width) return text;
  return `${chars.slice(0, width - 1).join('')}…`;
}

export function padTo(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - textWidth(text)));
}
