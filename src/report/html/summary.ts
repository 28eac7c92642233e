// The executive summary: what was scanned and what it means, in plain sentences, with the two charts.
import type { Assessment } from '../../core/assessment.js';
import { countFailuresBySeverity } from '../tally.js';
import { countOf, formatTime } from '../wording.js';
import { renderSeverityBars, renderStatusDonut } from './chart.js';
import { html, type Markup } from './markup.js';

/** "12 problems need attention, 3 of them critical." The most serious level present is named. */
export function describeProblems(assessment: Assessment): string {
  const failed = assessment.summary.fail;
  if (failed === 0) return 'No problems were found by the automated checks.';
  const bySeverity = countFailuresBySeverity(assessment.results);
  const head = `${countOf(failed, 'problem')} ${failed === 1 ? 'needs' : 'need'} attention`;
  const isOne = failed === 1;
  if (bySeverity.critical > 0)
    return isOne ? `${head}, and it is critical.` : `${head}, ${bySeverity.critical} of them critical.`;
  if (bySeverity.high > 0)
    return isOne ? `${head}, and it is high severity.` : `${head}, ${bySeverity.high} of them high severity.`;
  return isOne
    ? `${head}; it is not critical or high severity.`
    : `${head}; none of them is critical or high severity.`;
}

function describeOtherOutcomes(assessment: Assessment): string {
  const { summary } = assessment;
  const sentences = [`${countOf(summary.pass, 'check')} passed.`];
  if (summary.manual > 0) {
    sentences.push(
      `${countOf(summary.manual, 'item')} ${summary.manual === 1 ? 'needs' : 'need'} a person to review ${summary.manual === 1 ? 'it' : 'them'} (listed below).`,
    );
  }
  if (summary.error > 0) {
    sentences.push(
      `${countOf(summary.error, 'check')} could not be completed, so ${summary.error === 1 ? 'its result is' : 'their results are'} unknown.`,
    );
  }
  if (summary['not-applicable'] > 0) {
    sentences.push(`${countOf(summary['not-applicable'], 'check')} did not apply to this host.`);
  }
  return sentences.join(' ');
}

export function describeChanges(assessment: Assessment): string {
  const { changes } = assessment;
  if (changes === undefined) return 'This scan was not recorded, so it was not compared with earlier scans.';
  if (changes.previousAssessmentId === undefined) {
    return 'This is the first recorded scan of this host; the next one will show what changed.';
  }
  return `Since the previous scan: ${countOf(changes.opened.length, 'new problem')}, ${changes.fixed.length} fixed, ${changes.stillOpen} still open.`;
}

export function renderExecutiveSummary(assessment: Assessment): Markup {
  const { snapshot } = assessment;
  const scope = [
    countOf(snapshot.containers.length, 'container'),
    countOf(snapshot.images.length, 'image'),
    countOf(snapshot.networks.length, 'network'),
  ];
  return html`<section id="summary">
<h2>Summary</h2>
<p class="lead">${describeProblems(assessment)}</p>
<p>${describeOtherOutcomes(assessment)}</p>
<p>${describeChanges(assessment)}</p>
<p class="muted">Coastguard checked the Docker host ${snapshot.host.hostname} against the CIS Docker Benchmark v1.6.0 on ${formatTime(assessment.startedAt)}: the host itself, its Docker engine, ${scope[0]}, ${scope[1]} and ${scope[2]}.</p>
<div class="charts">
${renderStatusDonut(assessment.summary)}
${renderSeverityBars(countFailuresBySeverity(assessment.results))}
</div>
</section>`;
}
