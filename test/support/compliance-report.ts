// A compliance report with one control of every status and hostile text in titles, subjects and images, shared by
// the tests of each report format.
import {
  type ComplianceReport,
  type ControlEvaluation,
  countControlStatuses,
} from '../../src/core/compliance/control-status.js';

export const HOSTILE_TITLE = '=HYPERLINK("http://evil","x") <b>&\'"\u0007';

export function control(
  id: string,
  status: ControlEvaluation['status'],
  title = `Control ${id}`,
): ControlEvaluation {
  return {
    id,
    title,
    status,
    checks: [
      {
        checkId: 'container-privileged',
        responsibility: 'customer',
        evidence: 'automated',
        pass: 2,
        fail: status === 'satisfied' ? 0 : 1,
        waived: 1,
        manual: 0,
        error: 0,
      },
    ],
    subjects: [{ kind: 'container', id: 'c1', name: '-web,1' }],
    evidence: [
      {
        checkId: 'container-privileged',
        status: 'fail',
        subject: { kind: 'container', id: 'c1', name: '-web,1' },
        evidence: 'HostConfig.Privileged=true',
      },
    ],
    waivers: [
      {
        waiverId: 'w1',
        state: 'applied',
        justification: 'needs "raw" sockets,\nreviewed',
        approver: '@ciso',
        expires: '2026-12-31',
        results: 1,
      },
    ],
    attestations: [],
  };
}

const controls = [
  control('1.1', 'satisfied'),
  control('1.2', 'not-satisfied', HOSTILE_TITLE),
  control('1.3', 'partially'),
  control('1.4', 'manual'),
  control('1.5', 'inherited'),
  control('1.6', 'not-applicable'),
];

export const REPORT: ComplianceReport = {
  tool: { name: 'coastguard', version: '0.0.0-test' },
  framework: { id: 'pci-dss-4.0', name: 'PCI DSS', version: '4.0' },
  assessment: {
    id: 'a-1',
    startedAt: '2026-05-01T10:00:00.000Z',
    finishedAt: '2026-05-01T10:00:02.000Z',
    hostname: 'h',
    sha256: 'c0'.repeat(32),
  },
  scope: {
    hosts: ['h'],
    containers: 2,
    images: ['registry.example/web:1', HOSTILE_TITLE],
    window: { from: '2026-05-01T10:00:00.000Z', to: '2026-05-01T10:00:02.000Z' },
  },
  trend: [
    {
      assessmentId: 'a-0',
      startedAt: '2026-04-01T10:00:00.000Z',
      summary: { ...countControlStatuses(controls), satisfied: 0, 'not-satisfied': 2 },
    },
    { assessmentId: 'a-1', startedAt: '2026-05-01T10:00:00.000Z', summary: countControlStatuses(controls) },
  ],
  platform: 'self-hosted',
  generatedAt: '2026-05-02T00:00:00.000Z',
  controls,
  summary: countControlStatuses(controls),
};
