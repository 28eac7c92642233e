// The Collector seam: reads one kind of environment into part of a Snapshot; judges nothing.

export interface CollectProgress {
  /** A step started ("containers", 12 of 40…). Shown on a TTY; ignored otherwise. */
  step(label: string, done?: number, total?: number): void;
}

export interface CollectContext {
  signal?: AbortSignal;
  progress?: CollectProgress;
}
