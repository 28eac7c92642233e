// Waiver matching: does a waiver cover this failed result, and is it still in force?
import type { Waiver, WaiverScope } from '../core/compliance/waiver.js';
import type { Snapshot } from '../core/inventory/snapshot.js';
import type { CheckResult, Subject } from '../core/result/check-result.js';

/** What a waiver scope can be matched against, for one subject. */
export interface SubjectFacts {
  images: string[];
  container?: string;
  labels: Record<string, string>;
}

export type SubjectIndex = (subject: Subject) => SubjectFacts;

/** Looks subjects up in the snapshot the results were judged on: a container's image and labels, an image's tags. */
export function indexSubjects(snapshot: Snapshot): SubjectIndex {
  const containers = new Map(snapshot.containers.map((c) => [c.id, c]));
  const images = new Map(snapshot.images.map((i) => [i.id, i]));
  return (subject) => {
    if (subject.kind === 'container') {
      const container = containers.get(subject.id);
      const image = container ? images.get(container.imageId) : undefined;
      return {
        container: subject.name,
        images: [container?.image, container?.imageId, ...(image?.repoTags ?? [])].filter(isText),
        labels: { ...image?.labels, ...container?.labels },
      };
    }
    if (subject.kind === 'image') {
      const image = images.get(subject.id);
      return {
        images: [subject.id, subject.name, ...(image?.repoTags ?? []), ...(image?.repoDigests ?? [])],
        labels: { ...image?.labels },
      };
    }
    return { images: [], labels: {} };
  };
}

function isText(value: string | undefined): value is string {
  return value !== undefined && value !== '';
}

/** `*` matches any run of characters; everything else literally. */
function matchesPattern(pattern: string, value: string): boolean {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`).test(value);
}

export function isInScope(scope: WaiverScope, facts: SubjectFacts): boolean {
  const { image, container, labels } = scope;
  if (image !== undefined && !facts.images.some((ref) => matchesPattern(image, ref))) return false;
  if (
    container !== undefined &&
    (facts.container === undefined || !matchesPattern(container, facts.container))
  ) {
    return false;
  }
  if (labels !== undefined && Object.entries(labels).some(([key, value]) => facts.labels[key] !== value)) {
    return false;
  }
  return true;
}

/** A waiver is in force strictly before its expiry; a date without a time expires at the start of that day (UTC). */
export function isExpired(waiver: Waiver, now: string): boolean {
  return Date.parse(waiver.expires) <= Date.parse(now);
}

/**
 * The waivers that name this result's check, or this control (by the framework's id or, for a view such as
 * fedramp-moderate, its catalogue's), and whose scope covers its subject.
 */
export function waiversFor(
  result: CheckResult,
  control: { frameworkIds: readonly string[]; id: string },
  waivers: readonly Waiver[],
  facts: SubjectFacts,
): Waiver[] {
  return waivers.filter((w) => {
    const isNamed =
      w.check !== undefined
        ? w.check === result.checkId
        : w.control !== undefined &&
          control.frameworkIds.includes(w.control.framework) &&
          w.control.id === control.id;
    return isNamed && isInScope(w.scope, facts);
  });
}
