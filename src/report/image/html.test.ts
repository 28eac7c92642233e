import { describe, expect, it } from 'vitest';
import { IMAGE_SCAN, TOOL } from '../../../test/support/image-scan-result.js';
import { renderImageScanHtml } from './html.js';

function section(page: string, id: string): string {
  const start = page.indexOf(`<section id="${id}">`);
  expect(start, `section #${id}`).toBeGreaterThanOrEqual(0);
  return page.slice(start, page.indexOf('</section>', start));
}

describe('image scan HTML', () => {
  const page = renderImageScanHtml(IMAGE_SCAN, TOOL);

  it('is one self-contained page: no script, no external resource', () => {
    expect(page).not.toMatch(/<script|<link|<[^>]+\ssrc=|@import|url\(/i);
  });

  it('leads with a summary in words: findings, what can be fixed and from where, secrets', () => {
    expect(section(page, 'summary')).toContain(
      '2 vulnerabilities (1 high, 1 unknown); 1 can be fixed, 0 of them by rebuilding on an updated base image. 2 secrets found.',
    );
  });

  it('lists vulnerabilities worst first with the fix and where it comes from', () => {
    const rows = section(page, 'vulnerabilities').split('<tr>').slice(2);
    expect(rows[0]).toContain('GHSA-xxxx-yyyy-zzzz');
    expect(rows[0]).toContain('the application layers');
    expect(rows[1]).toContain('no fix yet');
  });

  it('escapes hostile names and paths, and never has a secret value to show', () => {
    expect(page).not.toContain('<img');
    expect(section(page, 'secrets')).toContain('&lt;img src=x onerror=alert(1)&gt;.pem');
    expect(page).toContain('registry.example/app:1 &quot;quoted&quot;');
  });

  it('shows policy verdicts only when a policy was applied; packages open when expanded', () => {
    expect(page).not.toContain('id="policy"');
    const judged = renderImageScanHtml(
      {
        ...IMAGE_SCAN,
        policy: [
          {
            checkId: 'image-untrusted-registry',
            title: 'Images come only from approved registries',
            status: 'fail',
            severity: 'medium',
            subject: { kind: 'image', id: 'sha256:img', name: 'app' },
            evidence: 'docker.io/library/app not in an allowed registry',
            remediation: 'r',
          },
        ],
      },
      TOOL,
      { isExpanded: true },
    );
    expect(section(judged, 'policy')).toContain('docker.io/library/app not in an allowed registry');
    expect(section(judged, 'summary')).toContain('1 policy rule failed.');
    expect(section(judged, 'packages')).toContain(' open>');
  });
});
