// JUnit XML for CI: one testcase per control; not-satisfied and partially fail, manual, inherited and
// not-applicable are skipped (a CI gate must not pass them silently, nor fail on them).
import type { ComplianceReport, ControlEvaluation } from '../../core/compliance/control-status.js';
import { describeChecks, describeSubjects, describeWaivers } from './describe-control.js';

/** XML 1.0 allows only these characters; anything else (control characters from evidence) is dropped. */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export function renderJunit(report: ComplianceReport): string {
  const failures = report.summary['not-satisfied'] + report.summary.partially;
  const skipped = report.summary.manual + report.summary.inherited + report.summary['not-applicable'];
  const suite = escapeXml(report.framework.id);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="coastguard compliance" tests="${report.controls.length}" failures="${failures}" skipped="${skipped}">`,
    `  <testsuite name="${suite}" tests="${report.controls.length}" failures="${failures}" skipped="${skipped}" errors="0" timestamp="${escapeXml(report.generatedAt)}">`,
    '    <properties>',
    `      <property name="framework.version" value="${escapeXml(report.framework.version)}"/>`,
    `      <property name="assessment.id" value="${escapeXml(report.assessment.id)}"/>`,
    `      <property name="assessment.startedAt" value="${escapeXml(report.assessment.startedAt)}"/>`,
    `      <property name="platform" value="${escapeXml(report.platform)}"/>`,
    '    </properties>',
    ...report.controls.map((c) => renderCase(suite, c)),
    '  </testsuite>',
    '</testsuites>',
    '',
  ];
  return lines.join('\n');
}

function renderCase(suite: string, control: ControlEvaluation): string {
  const open = `    <testcase classname="${suite}" name="${escapeXml(`${control.id} ${control.title}`)}">`;
  const detail = [describeChecks(control), describeSubjects(control), describeWaivers(control)]
    .filter((part) => part !== '')
    .join('\n');
  switch (control.status) {
    case 'not-satisfied':
    case 'partially':
      return `${open}\n      <failure type="${control.status}" message="${control.status}">${escapeXml(detail)}</failure>\n    </testcase>`;
    case 'manual':
    case 'inherited':
    case 'not-applicable':
      return `${open}\n      <skipped message="${control.status}"/>\n    </testcase>`;
    case 'satisfied':
      return `${open}</testcase>`;
  }
}
