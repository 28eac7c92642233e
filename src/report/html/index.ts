// `--format html`: one self-contained page for people who do not read JSON; printable, and the PDF's source.
import type { Reporter } from '../../core/reporter.js';
import { writeText } from '../write-text.js';
import { renderHtmlReport } from './render.js';

export { type HtmlRenderOptions, renderHtmlReport } from './render.js';

export const html: Reporter = {
  format: 'html',
  mediaType: 'text/html; charset=utf-8',
  async write(assessment, out) {
    await writeText(out, renderHtmlReport(assessment));
  },
};
