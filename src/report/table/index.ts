// `--format table`: the terminal summary; colour only when asked, widths fitted to the terminal.
import type { Reporter } from '../../core/reporter.js';
import { writeText } from '../write-text.js';
import { renderTable } from './render.js';

/** Used when neither the caller nor the stream says how wide the terminal is (a pipe or a file). */
const DEFAULT_WIDTH = 100;

export const table: Reporter = {
  format: 'table',
  mediaType: 'text/plain; charset=utf-8',
  async write(assessment, out, options = {}) {
    const streamWidth = (out as { columns?: unknown }).columns;
    const width =
      options.width ?? (typeof streamWidth === 'number' && streamWidth > 0 ? streamWidth : DEFAULT_WIDTH);
    await writeText(out, renderTable(assessment, { isColor: options.isColor === true, width }));
  },
};
