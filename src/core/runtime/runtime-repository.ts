// What the store keeps of the agent's runtime work: aggregated alerts and per-image behaviour baselines.

import type { Alert } from './alert.js';

/** One aggregated alert: every occurrence of the same rule, container and output, counted. */
export interface StoredAlert {
  readonly key: string;
  readonly rule: string;
  readonly priority: Alert['priority'];
  readonly output: string;
  readonly container: Alert['container'];
  readonly fields: Alert['fields'];
  readonly tags: readonly string[];
  readonly count: number;
  readonly firstSeen: string;
  readonly lastSeen: string;
}

/** What the agent learns per image. */
export const BASELINE_KINDS = ['process', 'connection', 'write'] as const;
export type BaselineKind = (typeof BASELINE_KINDS)[number];

export interface BaselineItem {
  readonly kind: BaselineKind;
  /** An executable path, `ip:port`, or a written path. */
  readonly value: string;
  readonly firstSeen: string;
}

export interface ImageBaseline {
  /** The image digest (or id). */
  readonly image: string;
  readonly imageName: string | null;
  readonly learnStartedAt: string;
  readonly learnUntil: string;
  readonly items: readonly BaselineItem[];
}

export interface RuntimeRepository {
  /**
   * Adds `occurrences` of the alert under `key`: inserts it when new (first seen = the alert's time), else adds
   * to its count and moves last seen. Resolves to whether the key was new.
   */
  recordAlert(key: string, alert: Alert, occurrences: number, lastSeen: string): Promise<boolean>;
  /** Most recently seen first. */
  listAlerts(options?: { limit?: number }): Promise<StoredAlert[]>;
  /** Starts learning an image unless it already has a baseline; resolves to its baseline either way. */
  startBaseline(
    image: string,
    imageName: string | null,
    learnStartedAt: string,
    learnUntil: string,
  ): Promise<ImageBaseline>;
  /** Adds items to an image's baseline (items already in it are kept as first seen). */
  addBaselineItems(image: string, items: readonly BaselineItem[]): Promise<void>;
  /** Every baseline, or the one of `image` (a digest or a name); sorted by image. */
  listBaselines(image?: string): Promise<ImageBaseline[]>;
}
