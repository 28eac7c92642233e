import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { HOSTILE_TITLE, REPORT } from '../../../test/support/compliance-report.js';
import { csvCell, renderCsv } from './csv.js';
import { complianceFormats } from './index.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';

describe('JSON compliance report', () => {
  it('has exactly the contract keys', () => {
    const body = JSON.parse(renderJson(REPORT));
    expect(Object.keys(body)).toEqual(['framework', 'assessment', 'controls', 'summary']);
    expect(body.framework).toEqual({ id: 'pci-dss-4.0', version: '4.0' });
    expect(body.assessment).toEqual({ id: 'a-1', startedAt: '2026-05-01T10:00:00.000Z' });
    expect(Object.keys(body.controls[0])).toEqual([
      'id',
      'title',
      'status',
      'checks',
      'waivers',
      'attestations',
    ]);
    expect(body.controls[1].checks).toEqual([{ checkId: 'container-privileged', pass: 2, fail: 1 }]);
    expect(body.controls[1].title).toBe(HOSTILE_TITLE);
    expect(body.controls[0].waivers[0]).toMatchObject({ waiverId: 'w1', state: 'applied' });
    expect(body.summary).toEqual({
      satisfied: 1,
      'not-satisfied': 1,
      partially: 1,
      manual: 1,
      inherited: 1,
      'not-applicable': 1,
    });
  });
});

function hasPython(): boolean {
  try {
    execFileSync('python3', ['-c', 'pass']);
    return true;
  } catch {
    return false;
  }
}

describe('JUnit compliance report', () => {
  const xml = renderJunit(REPORT);

  it('one testcase per control: failure for not-satisfied and partially, skipped for the rest but satisfied', () => {
    expect(xml.match(/<testcase /g)).toHaveLength(6);
    expect(xml.match(/<failure /g)).toHaveLength(2);
    expect(xml.match(/<skipped /g)).toHaveLength(3);
    expect(xml).toContain('failures="2" skipped="3"');
    expect(xml).toContain('<failure type="partially"');
  });

  it('escapes markup and drops characters XML cannot carry', () => {
    expect(xml).toContain(
      'name="1.2 =HYPERLINK(&quot;http://evil&quot;,&quot;x&quot;) &lt;b&gt;&amp;&apos;&quot;"',
    );
    expect(xml).not.toContain('\u0007');
  });

  it.skipIf(!hasPython())('is well-formed XML (checked by a real parser: python3 xml.dom.minidom)', () => {
    const script =
      'import sys, xml.dom.minidom as m; d = m.parseString(sys.stdin.buffer.read()); ' +
      'print(len(d.getElementsByTagName("testcase")))';
    expect(execFileSync('python3', ['-c', script], { input: xml }).toString().trim()).toBe('6');
  });
});

describe('CSV compliance report', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=1+2', "'=1+2"],
    ['+cmd', "'+cmd"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['=HYPERLINK("x")', '"\'=HYPERLINK(""x"")"'],
  ])('cell %j is written as %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('numbers are never prefixed', () => {
    expect(csvCell(-1)).toBe('-1');
  });

  it('writes a header and one CRLF record per control, quoting what needs it', () => {
    const csv = renderCsv(REPORT);
    expect(
      csv.startsWith('framework,control,title,status,pass,fail,waived,checks,subjects,waivers\r\n'),
    ).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv).toContain(
      `pci-dss-4.0,1.2,"'=HYPERLINK(""http://evil"",""x"") <b>&'""\u0007",not-satisfied,2,1,1,`,
    );
    expect(csv).toContain('"container -web,1"');
    expect(csv).toContain(
      'w1 (applied, expires 2026-12-31, approved by @ciso): needs ""raw"" sockets,\nreviewed',
    );
    // Records split on CRLF only: the LF inside the quoted justification stays in its cell.
    expect(csv.split('\r\n')).toHaveLength(REPORT.controls.length + 2);
  });
});

describe('format registry', () => {
  it('offers json, junit, csv and oscal', () => {
    expect(Object.keys(complianceFormats)).toEqual(['json', 'junit', 'csv', 'oscal']);
  });
});
