import { describe, expect, it } from 'vitest';
import { control, HOSTILE_TITLE, REPORT } from '../../../test/support/compliance-report.js';
import { oscalAssessmentResultsValidator } from '../../../test/support/oscal-schema.js';
import type { ComplianceReport } from '../../core/compliance/control-status.js';
import { buildOscal, oscalControlId, renderOscal, stableUuid } from './oscal.js';

interface Doc {
  'assessment-results': {
    uuid: string;
    results: {
      'reviewed-controls': { 'control-selections': { 'include-controls': { 'control-id': string }[] }[] };
      observations: {
        uuid: string;
        props: { value: string }[];
        'relevant-evidence': { description: string }[];
      }[];
      findings: { target: { 'target-id': string; status: { state: string } }; props: { value: string }[] }[];
    }[];
  };
}

function validate(doc: unknown): void {
  const validator = oscalAssessmentResultsValidator();
  const isValid = validator(doc);
  expect(validator.errors ?? [], JSON.stringify(validator.errors?.slice(0, 3))).toEqual([]);
  expect(isValid).toBe(true);
}

describe('OSCAL assessment results', () => {
  it("validate against NIST's 1.0.6 schema, hostile titles and multi-line evidence included", () => {
    const doc = JSON.parse(renderOscal(REPORT)) as Doc;
    validate(doc);
    // The schema has teeth: a raw PCI id is not an OSCAL token.
    const selection = doc['assessment-results'].results[0]?.['reviewed-controls']['control-selections'][0];
    selection?.['include-controls'].push({ 'control-id': '12.10.1' });
    expect(oscalAssessmentResultsValidator()(doc)).toBe(false);
  });

  it('a determination only for satisfied, not-satisfied and partially; inherited never reads as satisfied', () => {
    const doc = buildOscal(REPORT) as unknown as Doc;
    const [result] = doc['assessment-results'].results;
    const states = Object.fromEntries(
      (result?.findings ?? []).map((f) => [f.props[0]?.value, f.target.status.state]),
    );
    expect(states).toEqual({
      satisfied: 'satisfied',
      'not-satisfied': 'not-satisfied',
      partially: 'not-satisfied',
    });
    expect(result?.observations.map((o) => o.props[0]?.value)).toEqual(REPORT.controls.map((c) => c.status));
    expect(result?.['reviewed-controls']['control-selections'][0]?.['include-controls']).toHaveLength(6);
  });

  it('carries the evidence: the assessment hash and each deciding result', () => {
    const doc = buildOscal(REPORT) as unknown as Doc;
    const evidence = doc['assessment-results'].results[0]?.observations[1]?.['relevant-evidence'] ?? [];
    expect(evidence.map((e) => e.description)).toEqual([
      expect.stringContaining(REPORT.assessment.id),
      'container-privileged: fail on container -web,1: HostConfig.Privileged=true',
    ]);
  });

  it('control ids become OSCAL tokens: 800-53 in catalog form, others prefixed', () => {
    expect(oscalControlId('nist-800-53-r5', 'AC-3(7)')).toBe('ac-3.7');
    expect(oscalControlId('pci-dss-4.0', '12.10.1')).toBe('pci-dss-4.0_12.10.1');
    expect(oscalControlId('hipaa-security-rule', '164.308(a)(1)(ii)(A)')).toBe(
      'hipaa-security-rule_164.308.a.1.ii.A',
    );
    expect(oscalControlId('kubernetes-pss', 'baseline/host namespaces')).toBe(
      'kubernetes-pss_baseline_host_namespaces',
    );
  });

  it('is the same document for the same assessment: UUIDs derive from it, and differ per framework', () => {
    const again = buildOscal({ ...REPORT, generatedAt: '2027-01-01T00:00:00.000Z' }) as unknown as Doc;
    const first = buildOscal(REPORT) as unknown as Doc;
    expect(again['assessment-results'].uuid).toBe(first['assessment-results'].uuid);
    const other = buildOscal({
      ...REPORT,
      framework: { ...REPORT.framework, id: 'hipaa-security-rule' },
    }) as unknown as Doc;
    expect(other['assessment-results'].uuid).not.toBe(first['assessment-results'].uuid);
    expect(stableUuid('x')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('stays valid with nothing to report on: no subjects, no findings, an attestation with whitespace-only text', () => {
    const manual = {
      ...control('9.9', 'manual', `  ${HOSTILE_TITLE}\n`),
      checks: [],
      subjects: [],
      evidence: [],
      waivers: [],
      attestations: [
        {
          id: 'a',
          framework: 'pci-dss-4.0',
          control: '9.9',
          statement: ' ',
          by: 'ciso',
          at: '2026-05-01T00:00:00.000Z',
          files: [],
          state: 'expired' as const,
        },
      ],
    };
    const report: ComplianceReport = { ...REPORT, controls: [manual] };
    validate(buildOscal(report));
  });
});
