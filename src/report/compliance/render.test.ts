import { describe, expect, it } from 'vitest';
import { HOSTILE_TITLE, REPORT } from '../../../test/support/compliance-report.js';
import { renderComplianceHtml } from './render.js';

function section(page: string, id: string): string {
  const start = page.indexOf(`<section id="${id}">`);
  expect(start, `section #${id}`).toBeGreaterThanOrEqual(0);
  return page.slice(start, page.indexOf('</section>', start));
}

describe('compliance HTML report', () => {
  const page = renderComplianceHtml(REPORT);

  it('is self-contained: no script, no external resource', () => {
    expect(page).not.toMatch(/<script|<link|src=|@import|url\(/i);
    expect(page.startsWith('<!doctype html>')).toBe(true);
  });

  it('opens with an executive summary in words and a status bar stating every count', () => {
    const summary = section(page, 'summary');
    expect(summary).toContain('1 of 6 requirements satisfied.');
    expect(summary).toContain('2 requirements need remediation (1 not satisfied, 1 partially).');
    expect(summary).toMatch(
      /aria-label="1 not satisfied, 1 partially satisfied, 1 manual review, 1 satisfied/,
    );
  });

  it('states the scope: hosts, containers, images, the collection window and the evidence hash', () => {
    const scope = section(page, 'scope');
    expect(scope).toContain('registry.example/web:1');
    expect(scope).toContain('1 May 2026 10:00 UTC to 1 May 2026 10:00 UTC');
    expect(scope).toContain(`sha256:${REPORT.assessment.sha256}`);
  });

  it('charts the trend with a table giving each number', () => {
    const trend = section(page, 'trend');
    expect(trend).toContain('<svg');
    expect(trend.match(/<tr><td>/g)).toHaveLength(2);
    expect(trend).toContain('Trend: 1 Apr 2026 10:00 UTC: 0 satisfied, 2 not satisfied');
  });

  it('lists every requirement with its checks, deciding evidence and waiver, closed unless expanded', () => {
    const requirements = section(page, 'requirements');
    expect(requirements.match(/<details class="control"/g)).toHaveLength(6);
    expect(requirements).toContain('HostConfig.Privileged=true');
    expect(requirements).toContain('Waiver w1');
    expect(requirements).not.toContain(' open>');
    expect(renderComplianceHtml(REPORT, { isExpanded: true }).match(/ open>/g)).toHaveLength(6);
  });

  it('escapes hostile text from the host and the configuration', () => {
    expect(page).not.toContain('<b>&');
    expect(page).toContain('&lt;b&gt;&amp;&#39;&quot;');
    expect(page).not.toContain('\u0007');
    expect(HOSTILE_TITLE).toContain('<b>');
  });

  it('shows changes only when --since asked for them', () => {
    expect(page).not.toContain('id="changes"');
    const since = renderComplianceHtml({
      ...REPORT,
      changes: {
        since: { id: 'a-0', startedAt: '2026-04-01T10:00:00.000Z' },
        controls: [{ id: '1.1', title: 'Control 1.1', from: 'not-satisfied', to: 'satisfied' }],
      },
    });
    const changes = section(since, 'changes');
    expect(changes).toContain('Changes since 1 Apr 2026 10:00 UTC');
    expect(changes).toMatch(/Not satisfied.*Satisfied/s);
  });
});
