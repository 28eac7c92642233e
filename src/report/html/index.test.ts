import { describe, expect, it } from 'vitest';
import {
  buildAssessment,
  buildEmptyAssessment,
  HOSTILE_CONTROL,
  HOSTILE_EVIDENCE,
  HOSTILE_NAME,
} from '../../../test/support/build-assessment.js';
import type { Assessment } from '../../core/assessment.js';
import { writeToString } from '../reporter.contract.js';
import { html, renderHtmlReport } from './index.js';

function render(assessment: Assessment): Promise<string> {
  return writeToString(html, assessment);
}

/** The text of one section, from its opening tag to the next section's. */
function section(output: string, id: string): string {
  const start = output.indexOf(`<section id="${id}">`);
  expect(start, `section #${id}`).toBeGreaterThanOrEqual(0);
  const end = output.indexOf('<section id=', start + 1);
  return output.slice(start, end === -1 ? output.indexOf('</main>') : end);
}

function containerCards(output: string): string[] {
  return section(output, 'containers').split('<article ').slice(1);
}

describe('html reporter', () => {
  it('is one self-contained file: no script, no external or relative resource, only in-page links', async () => {
    for (const assessment of [buildAssessment().assessment, buildEmptyAssessment()]) {
      const output = await render(assessment);
      expect(output).not.toMatch(/<(script|link|iframe|object|embed|img|base|form)\b/i);
      expect(output).not.toMatch(/\bon[a-z]+\s*=/i);
      expect(output).not.toMatch(/@import|url\(/i);
      expect(output).not.toMatch(/https?:\/\//);
      const references = [
        ...output.matchAll(/\b(src|href|srcset|action|poster|xlink:href)\s*=\s*"([^"]*)"/gi),
      ];
      expect(references.length).toBeGreaterThan(0);
      for (const [, attribute, value] of references) {
        expect(`${attribute}=${value}`).toMatch(/^href=#[a-z-]+$/);
        expect(output).toContain(`id="${value?.slice(1)}"`);
      }
    }
  });

  it('names the host and the date in the title and heading', async () => {
    const output = await render(buildAssessment().assessment);
    expect(output).toContain('<title>Docker security report: web-01, 22 Nov 2026 08:02 UTC</title>');
    expect(output).toContain('<h1>Docker security report: web-01</h1>');
  });

  it('opens with a plain-words summary and the numbers behind it', async () => {
    const summary = section(await render(buildAssessment().assessment), 'summary');
    expect(summary).toContain('<p class="lead">9 problems need attention, 2 of them critical.</p>');
    expect(summary).toContain('3 checks passed. 1 item needs a person to review it');
    expect(summary).toContain('1 check could not be completed');
    expect(summary).toContain('Since the previous scan: 1 new problem, 1 fixed, 4 still open.');
    for (const [label, count] of [
      ['Failed', 9],
      ['Passed', 3],
      ['Needs review', 1],
      ['Not applicable', 1],
      ['Could not check', 1],
    ] as const) {
      expect(summary).toContain(`${label}: <strong>${count}</strong>`);
    }
    expect(summary).toContain('Problems by severity: 2 critical, 0 high, 3 medium, 2 low, 2 info');
  });

  it('lists new and fixed findings since the last scan', async () => {
    const changes = section(await render(buildAssessment().assessment), 'changes');
    expect(changes).toMatch(/<strong>New<\/strong>.*Critical.*Docker socket is not mounted.*container web/);
    expect(changes).toMatch(
      /<strong>Fixed<\/strong>.*Medium.*privileged ports.*container web.*21 Nov 2026 08:00 UTC/,
    );
    const unrecorded = section(await render(buildAssessment({ hasChanges: false }).assessment), 'changes');
    expect(unrecorded).toContain('was not recorded');
    expect(unrecorded).not.toContain('<table>');
  });

  it('groups every failure by severity, most severe first, with evidence and the fix', async () => {
    const { assessment } = buildAssessment();
    const bySeverity = section(await render(assessment), 'by-severity');
    const headings = [...bySeverity.matchAll(/<h3>.*?(\d+ \w+ problems?)<\/h3>/g)].map((m) => m[1]);
    expect(headings).toEqual([
      '2 critical problems',
      '3 medium problems',
      '2 low problems',
      '2 info problems',
    ]);
    const failures = assessment.results.filter((r) => r.status === 'fail');
    expect(bySeverity.match(/<details class="finding/g)).toHaveLength(failures.length);
    for (const r of failures) {
      expect(bySeverity).toContain(r.evidence);
      expect(bySeverity).toContain(r.remediation);
    }
    expect(bySeverity).not.toContain('HostConfig.Privileged=false');
  });

  it('gives each container its own section with state, image and its failures only', async () => {
    const { assessment, containers } = buildAssessment();
    const cards = containerCards(await render(assessment));
    expect(cards).toHaveLength(assessment.snapshot.containers.length);
    const cardOf = (name: string) => cards.find((c) => c.includes(`<h3>Container ${name} `)) ?? '';
    expect(cardOf('web')).toContain('Running');
    expect(cardOf('web')).toContain('cgtest-nginx:1.25');
    expect(cardOf('web')).toContain('3 problems');
    expect(cardOf('web')).toContain('Docker socket is not mounted');
    expect(cardOf('web')).not.toContain('privileged containers');
    expect(cardOf('priv')).toContain('Created, never started');
    expect(cardOf('priv')).toContain('HostConfig.Privileged=true');
    expect(cardOf('db')).toContain('Stopped');
    expect(cardOf('hardened')).toContain('No problems found.');
    // Worst first: the two containers with a critical failure, then the rest.
    expect(cards.map((c) => /<h3>Container (\S+)/.exec(c)?.[1])).toEqual(['web', 'priv', 'db', 'hardened']);
    expect(containers.hardened.name).toBe('hardened');
  });

  it('shows host, daemon, image and network failures by where they are', async () => {
    const host = section(await render(buildAssessment().assessment), 'host');
    expect(host).toMatch(/The host .*1 problem[\s\S]*no audit rule watches \/usr\/bin\/dockerd/);
    expect(host).toMatch(/The Docker daemon .*1 problem[\s\S]*log-level=debug/);
    expect(host).toMatch(/Images .*1 problem[\s\S]*image cgtest-busybox:1/);
    expect(host).toMatch(/Networks .*1 problem[\s\S]*enable_icc=true/);
  });

  it('lists manual items with what to look at, and checks that could not decide with why', async () => {
    const output = await render(buildAssessment().assessment);
    expect(section(output, 'manual')).toContain('compare it with the releases your vendor supports');
    expect(section(output, 'errors')).toContain('cannot read /etc/group: permission denied');
    expect(section(output, 'notes')).toContain(
      '<strong>container gone-1</strong>: removed during the scan; skipped',
    );
  });

  it('keeps every result, passes included, in a collapsed table', async () => {
    const { assessment } = buildAssessment();
    const all = section(await render(assessment), 'all-results');
    expect(all).toContain('<details class="all">');
    expect(all.match(/<tr><td><span class="badge status-/g)).toHaveLength(assessment.results.length);
    expect(all).toContain('HostConfig.Privileged=false');
    expect(all).toContain('<span class="badge status-pass">Passed</span>');
  });

  it('escapes hostile names, labels and evidence everywhere', async () => {
    const hostile = await render(buildAssessment({ isHostile: true }).assessment);
    expect(hostile).not.toContain(HOSTILE_NAME);
    expect(hostile).not.toContain(HOSTILE_EVIDENCE);
    expect(hostile).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(hostile).toContain('Labels.note=&quot;&#39;&amp;&lt;&gt;');
    expect(hostile).toContain('<h3>Container &lt;script&gt;alert(1)&lt;/script&gt; ');
    expect(hostile).toContain('<title>Docker security report: &lt;script&gt;alert(1)&lt;/script&gt;-host,');
    expect(hostile).not.toContain(HOSTILE_CONTROL);
    expect(hostile).toContain('sh -c x\ufffd]0;owned\ufffd\ufffd[2J');
    // Same markup as the harmless report: hostile values added text, never a tag or an attribute.
    const harmless = await render(buildAssessment().assessment);
    const tags = (text: string) => text.match(/<[a-z/!][^>]*>/gi)?.map((t) => t.replace(/"[^"]*"/g, '""'));
    expect(tags(hostile)).toEqual(tags(harmless));
  });

  it('keeps the stylesheet as CSS, not escaped text', async () => {
    const output = await render(buildEmptyAssessment());
    const style = /<style>([\s\S]*)<\/style>/.exec(output)?.[1] ?? '';
    expect(style).toContain('"Segoe UI"');
    expect(style).toContain('details>summary');
    expect(style).not.toMatch(/&[a-z]+;|&#\d+;/);
    expect(style).toContain('@media print');
  });

  it('can open every drill-down for printing', async () => {
    const { assessment } = buildAssessment();
    const closed = renderHtmlReport(assessment);
    const open = renderHtmlReport(assessment, { isExpanded: true });
    expect(closed).not.toMatch(/<details[^>]* open>/);
    const details = open.match(/<details[^>]*>/g) ?? [];
    expect(details.length).toBeGreaterThan(1);
    for (const tag of details) expect(tag).toMatch(/ open>$/);
  });

  it('says something sensible for an empty host', async () => {
    const output = await render(buildEmptyAssessment());
    expect(output).toContain('No problems were found by the automated checks.');
    expect(output).toContain('No containers were found on this host.');
    expect(output).toContain('Everything on the host could be read.');
    expect(output).toContain('Show all 0 results');
  });
});
