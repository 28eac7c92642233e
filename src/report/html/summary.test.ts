import { describe, expect, it } from 'vitest';
import { buildAssessment, buildResult } from '../../../test/support/build-assessment.js';
import type { Assessment } from '../../core/assessment.js';
import { countStatuses, type Subject } from '../../core/result/check-result.js';
import type { Severity } from '../../core/result/severity.js';
import { describeChanges, describeProblems } from './summary.js';

const host: Subject = { kind: 'host', id: 'h', name: 'h' };

function withFailures(severities: Severity[]): Assessment {
  const results = severities.map((severity, i) =>
    buildResult({ checkId: `check-${i}`, status: 'fail', severity, subject: host }),
  );
  return { ...buildAssessment().assessment, results, summary: countStatuses(results) };
}

describe('describeProblems', () => {
  it.each`
    severities                         | sentence
    ${[]}                              | ${'No problems were found by the automated checks.'}
    ${['critical']}                    | ${'1 problem needs attention, and it is critical.'}
    ${['critical', 'critical', 'low']} | ${'3 problems need attention, 2 of them critical.'}
    ${['high']}                        | ${'1 problem needs attention, and it is high severity.'}
    ${['high', 'medium']}              | ${'2 problems need attention, 1 of them high severity.'}
    ${['medium']}                      | ${'1 problem needs attention; it is not critical or high severity.'}
    ${['low', 'info']}                 | ${'2 problems need attention; none of them is critical or high severity.'}
  `('$severities → $sentence', ({ severities, sentence }: { severities: Severity[]; sentence: string }) => {
    expect(describeProblems(withFailures(severities))).toBe(sentence);
  });
});

describe('describeChanges', () => {
  it('tells a first scan, an unrecorded scan and a compared scan apart', () => {
    const { assessment } = buildAssessment();
    expect(describeChanges(assessment)).toBe(
      'Since the previous scan: 1 new problem, 1 fixed, 4 still open.',
    );
    expect(describeChanges({ ...assessment, changes: { opened: [], fixed: [], stillOpen: 0 } })).toContain(
      'first recorded scan',
    );
    const { changes: _changes, ...unrecorded } = assessment;
    expect(describeChanges(unrecorded)).toContain('not recorded');
  });
});
