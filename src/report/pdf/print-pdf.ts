// HTML → PDF through headless Chromium (playwright-core drives the machine's browser; no browser download). The
// page is our own self-contained report, so the browser gets the least it needs: JavaScript off and every network
// request refused, so nothing in a report can reach out or run.
import { access, constants } from 'node:fs/promises';
import { chromium } from 'playwright-core';
import { CoastguardError } from '../../core/errors.js';

export interface PrintOptions {
  /** Default: $COASTGUARD_CHROMIUM, else /usr/bin/chromium (Debian's `chromium` package). */
  executablePath?: string;
  /** Printed at the foot of every page beside the page number. */
  footer: string;
}

const DEFAULT_CHROMIUM = '/usr/bin/chromium';
/** Start-up plus layout of a large report on a slow machine; a hung browser must not hang the command. */
const BROWSER_TIMEOUT_MS = 120_000;

export function chromiumPath(explicit?: string): string {
  return explicit ?? process.env.COASTGUARD_CHROMIUM ?? DEFAULT_CHROMIUM;
}

function escapeFooter(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

export async function printPdf(html: string, options: PrintOptions): Promise<Buffer> {
  const executablePath = chromiumPath(options.executablePath);
  try {
    await access(executablePath, constants.X_OK);
  } catch {
    throw new CoastguardError(
      'BAD_INPUT',
      `PDF needs Chromium, not found at ${executablePath}: install it (apt-get install chromium) or set COASTGUARD_CHROMIUM.`,
    );
  }
  const browser = await chromium.launch({ executablePath, headless: true, timeout: BROWSER_TIMEOUT_MS });
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    await context.route('**/*', (route) => route.abort());
    const page = await context.newPage();
    page.setDefaultTimeout(BROWSER_TIMEOUT_MS);
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({
      format: 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: `<div style="font-size:8px;width:100%;padding:0 12mm;display:flex;justify-content:space-between"><span>${escapeFooter(options.footer)}</span><span>page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`,
      margin: { top: '14mm', bottom: '16mm', left: '12mm', right: '12mm' },
    });
  } finally {
    await browser.close();
  }
}
