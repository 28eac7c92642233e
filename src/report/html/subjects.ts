// Failures by where they are: one card per container (state, image, its problems), then the host, the daemon,
// images and networks. Containers with the most serious problems come first.
import type { Assessment } from '../../core/assessment.js';
import type { Container, ContainerState } from '../../core/inventory/container.js';
import type { CheckResult, SubjectKind } from '../../core/result/check-result.js';
import { severityRank } from '../../core/result/severity.js';
import { countOf, displayName } from '../wording.js';
import { renderFailureTable } from './findings.js';
import { html, type Markup } from './markup.js';

const STATE_LABELS: Readonly<Record<ContainerState, string>> = {
  created: 'Created, never started',
  running: 'Running',
  paused: 'Paused',
  restarting: 'Restarting',
  removing: 'Being removed',
  exited: 'Stopped',
  dead: 'Dead',
};

const numericAware = new Intl.Collator('en', { numeric: true });

interface ContainerView {
  name: string;
  /** Undefined for a container the results name but the snapshot does not hold. */
  container?: Container;
  failures: CheckResult[];
}

function worstRank(failures: readonly CheckResult[]): number {
  return Math.max(-1, ...failures.map((r) => severityRank(r.severity)));
}

function groupByContainer(assessment: Assessment, failures: readonly CheckResult[]): ContainerView[] {
  const views = new Map<string, ContainerView>();
  for (const container of assessment.snapshot.containers) {
    views.set(container.id, { name: container.name, container, failures: [] });
  }
  for (const result of failures) {
    if (result.subject.kind !== 'container') continue;
    const view = views.get(result.subject.id) ?? { name: displayName(result.subject), failures: [] };
    view.failures.push(result);
    views.set(result.subject.id, view);
  }
  return [...views.values()].sort(
    (a, b) =>
      worstRank(b.failures) - worstRank(a.failures) ||
      b.failures.length - a.failures.length ||
      numericAware.compare(a.name, b.name),
  );
}

function renderContainerCard(view: ContainerView, index: number): Markup {
  const { container } = view;
  const facts = container
    ? html`<p><strong>State:</strong> ${STATE_LABELS[container.state]} · <strong>Image:</strong> <code>${container.image}</code>${container.workload ? html` · <strong>Part of:</strong> ${container.workload.orchestrator} ${container.workload.name}` : ''}</p>`
    : html`<p class="muted">Not in the inventory (it may have been removed during the scan).</p>`;
  return html`<article class="card" id="container-${index + 1}">
<h3>Container ${view.name} <span class="muted">· ${countOf(view.failures.length, 'problem')}</span></h3>
${facts}
${renderFailureTable(view.failures, { hasSubject: false })}
</article>`;
}

export function renderContainers(assessment: Assessment, failures: readonly CheckResult[]): Markup {
  const views = groupByContainer(assessment, failures);
  if (views.length === 0) return html`<p class="muted">No containers were found on this host.</p>`;
  return html`${views.map(renderContainerCard)}`;
}

const OTHER_KINDS: readonly { kind: Exclude<SubjectKind, 'container'>; heading: string }[] = [
  { kind: 'host', heading: 'The host' },
  { kind: 'daemon', heading: 'The Docker daemon' },
  { kind: 'image', heading: 'Images' },
  { kind: 'network', heading: 'Networks' },
];

export function renderOtherSubjects(failures: readonly CheckResult[]): Markup {
  return html`${OTHER_KINDS.map(({ kind, heading }) => {
    const group = failures.filter((r) => r.subject.kind === kind);
    return html`<h3>${heading} <span class="muted">· ${countOf(group.length, 'problem')}</span></h3>
${renderFailureTable(group, { hasSubject: kind === 'image' || kind === 'network' })}`;
  })}`;
}
