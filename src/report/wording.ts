// Words shared by the human-readable reports: labels, subjects, counts and times.
import type { CheckStatus, Subject } from '../core/result/check-result.js';
import type { Severity } from '../core/result/severity.js';

export const SEVERITY_LABELS: Readonly<Record<Severity, string>> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  info: 'Info',
};

export const STATUS_LABELS: Readonly<Record<CheckStatus, string>> = {
  pass: 'Passed',
  fail: 'Failed',
  manual: 'Needs review',
  'not-applicable': 'Not applicable',
  error: 'Could not check',
};

const KIND_LABELS: Readonly<Record<Subject['kind'], string>> = {
  host: 'host',
  daemon: 'daemon',
  image: 'image',
  container: 'container',
  network: 'network',
};

/** `3 problems`, `1 problem`. */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}

/** `container web`: the kind says where to look, the name which one. */
export function describeSubject(subject: Subject): string {
  const name = displayName(subject) || subject.id;
  return name ? `${KIND_LABELS[subject.kind]} ${name}` : KIND_LABELS[subject.kind];
}

/** Docker reports container names with a leading slash; reports never show it. */
export function displayName(subject: Subject): string {
  return subject.kind === 'container' ? subject.name.replace(/^\/+/, '') : subject.name;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `22 Nov 2026 08:02 UTC`: unambiguous in every locale; an unparsable time is shown as given. */
export function formatTime(iso: string): string {
  const time = new Date(iso);
  if (Number.isNaN(time.getTime())) return iso;
  const hh = String(time.getUTCHours()).padStart(2, '0');
  const mm = String(time.getUTCMinutes()).padStart(2, '0');
  return `${time.getUTCDate()} ${MONTHS[time.getUTCMonth()]} ${time.getUTCFullYear()} ${hh}:${mm} UTC`;
}
