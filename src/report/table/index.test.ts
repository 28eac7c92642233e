import { describe, expect, it } from 'vitest';
import {
  buildAssessment,
  buildEmptyAssessment,
  HOSTILE_NAME,
} from '../../../test/support/build-assessment.js';
import type { Assessment } from '../../core/assessment.js';
import { ANSI_ESCAPE, MemorySink, writeToString } from '../reporter.contract.js';
import { table } from './index.js';

// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping colour codes to measure what a reader sees.
const ANSI_ALL = /\u001b\[[0-9;]*m/g;

function visibleLines(output: string): string[] {
  return output.replace(ANSI_ALL, '').split('\n');
}

async function render(assessment: Assessment, width = 100): Promise<string> {
  return writeToString(table, assessment, { width });
}

describe('table reporter', () => {
  it('uses colour only when asked', async () => {
    const { assessment } = buildAssessment();
    expect(await writeToString(table, assessment, { isColor: false, width: 100 })).not.toMatch(ANSI_ESCAPE);
    const coloured = await writeToString(table, assessment, { isColor: true, width: 100 });
    expect(coloured).toMatch(ANSI_ESCAPE);
    expect(coloured.replace(ANSI_ALL, '')).toBe(await render(assessment));
  });

  it('opens with the host, the engine and when it was scanned', async () => {
    const [title, engine] = visibleLines(await render(buildAssessment().assessment));
    expect(title).toBe(
      'Coastguard scan of web-01 · 22 Nov 2026 08:02 UTC · 4 containers, 2 images, 1 network',
    );
    expect(engine).toContain('Docker 20.10.24+dfsg1 at unix:///var/run/docker.sock');
  });

  it('counts every status on one line', async () => {
    const lines = visibleLines(await render(buildAssessment().assessment));
    expect(lines[2]).toBe('9 failed · 3 passed · 1 to review · 1 not applicable · 1 could not be checked');
  });

  it('lists every failure under its severity, most severe group first, and no passing result', async () => {
    const { assessment } = buildAssessment();
    const output = await render(assessment);
    const headings = visibleLines(output).filter((l) => /^(CRITICAL|HIGH|MEDIUM|LOW|INFO) \(\d+\)$/.test(l));
    expect(headings).toEqual(['CRITICAL (2)', 'MEDIUM (3)', 'LOW (2)', 'INFO (2)']);
    const failureSection = output.slice(
      output.indexOf('Failed checks'),
      output.indexOf('Could not be checked'),
    );
    for (const r of assessment.results.filter((x) => x.status === 'fail')) {
      const row = new RegExp(`${r.checkId}\\s+${r.subject.kind} ${r.subject.name}\\s`);
      expect(failureSection).toMatch(row);
    }
    // Passing results are only counted: the hardened container and the host-network check never fail.
    expect(output).not.toContain('hardened');
    expect(output).not.toContain('container-host-network');
    expect(output).not.toContain('HostConfig.Privileged=false');
  });

  it('lists checks that could not decide apart from failures', async () => {
    const output = await render(buildAssessment().assessment);
    const errors = output.slice(output.indexOf('Could not be checked (1)'));
    expect(errors).toMatch(/1\.1\.2\s+daemon-access-restricted\s+host web-01\s+cannot read \/etc\/group/);
  });

  it('says what changed since the last scan and lists new and fixed findings', async () => {
    const output = await render(buildAssessment().assessment);
    const changes = output.slice(output.indexOf('Changes since last scan'));
    expect(changes).toContain('Changes since last scan: 1 new, 1 fixed, 4 still open');
    expect(changes).toMatch(/new\s+Critical\s+5\.32\s+container-runtime-socket-mounted\s+container web/);
    expect(changes).toMatch(/fixed\s+Medium\s+5\.8\s+container-host-ports\s+container web/);
  });

  it('lists at most 25 new findings and says how many more there are', async () => {
    const { assessment } = buildAssessment();
    const template = assessment.changes?.opened[0];
    if (!template || !assessment.changes) throw new Error('the sample assessment has an opened finding');
    const opened = Array.from({ length: 30 }, (_, i) => ({
      ...template,
      fingerprint: `fp-${i}`,
      subject: { ...template.subject, id: `c${i}`, name: `svc-${i}` },
    }));
    const output = await render({ ...assessment, changes: { ...assessment.changes, opened } });
    expect(output).toContain('Changes since last scan: 30 new, 1 fixed, 4 still open');
    expect(output.match(/^ {2}new /gm)).toHaveLength(25);
    expect(output).toContain('container svc-24');
    expect(output).not.toContain('container svc-25');
    expect(output).toContain('  and 5 more new');
  });

  it('says when there is nothing to compare with', async () => {
    const { assessment } = buildAssessment({ hasChanges: false });
    expect(await render(assessment)).toContain('Not compared: this scan was not recorded.');
    const first = { ...assessment, changes: { opened: [], fixed: [], stillOpen: 0 } };
    expect(await render(first)).toContain('First recorded scan of this host');
  });

  it('shows collection notes and how many items need a person', async () => {
    const output = await render(buildAssessment().assessment);
    expect(output).toContain('Collection notes (1)\n  container gone-1: removed during the scan; skipped');
    expect(output).toContain('1 item to review by hand');
  });

  it.each([60, 80, 100, 160])('fits every line in %i columns', async (width) => {
    for (const assessment of [
      buildAssessment().assessment,
      buildAssessment({ isHostile: true }).assessment,
    ]) {
      const lines = visibleLines(await writeToString(table, assessment, { width, isColor: true }));
      expect(lines.filter((l) => [...l].length > width)).toEqual([]);
    }
  });

  it('truncates long evidence with an ellipsis but never the CIS id', async () => {
    const { assessment } = buildAssessment();
    const output = await render(assessment, 90);
    expect(output).toMatch(
      /5\.32\s+container-runtime-socket-mounted\s+container web\s+Mounts\[0\]=\/var\/run\S*…$/m,
    );
    expect(output).toMatch(/^ {2}1\.1\.3 {2}/m);
  });

  it('takes the width from the terminal when the caller does not give one', async () => {
    const sink = Object.assign(new MemorySink(), { columns: 70 });
    await table.write(buildAssessment().assessment, sink);
    const lines = visibleLines(sink.text());
    expect(Math.max(...lines.map((l) => [...l].length))).toBeLessThanOrEqual(70);
    expect(Math.max(...lines.map((l) => [...l].length))).toBeGreaterThan(60);
  });

  it('shows hostile names as text and escapes control characters', async () => {
    const output = await writeToString(table, buildAssessment({ isHostile: true }).assessment, {
      width: 200,
      isColor: true,
    });
    expect(output).toContain(`container ${HOSTILE_NAME}`);
    expect(output).toContain('sh -c x\\x1b]0;owned\\x07\\x1b[2J\\x1b[31mred\\u202etxt.exe');
  });

  it('says so when nothing failed', async () => {
    const output = await render(buildEmptyAssessment());
    expect(output).toContain('0 failed · 0 passed');
    expect(output).toContain('No failed checks.');
    expect(output).not.toContain('Collection notes');
    expect(output).not.toContain('to review by hand');
  });
});
