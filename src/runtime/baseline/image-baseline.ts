// Behaviour baselines per image: for a learning window from the first time the agent sees an image, every
// executable run, peer connected to and file written by its containers is recorded (in the store, reviewable with
// `coastguard baseline show`); after the window, anything not in the baseline raises an alert, once per image.
// A baseline outlives the agent: a restart resumes learning, or goes on alerting, from what is stored.
import type { Alert } from '../../core/runtime/alert.js';
import type { RuntimeEvent, RuntimeEventType } from '../../core/runtime/runtime-event.js';
import type { BaselineItem, BaselineKind, ImageBaseline } from '../../core/runtime/runtime-repository.js';

/** What the tracker needs of the store. */
export interface BaselineStore {
  startBaseline(
    image: string,
    imageName: string | null,
    learnStartedAt: string,
    learnUntil: string,
  ): Promise<ImageBaseline>;
  addBaselineItems(image: string, items: readonly BaselineItem[]): Promise<void>;
}

export interface BaselineTrackerOptions {
  readonly store: BaselineStore;
  readonly learnMs: number;
  readonly now?: () => number;
  /** Where a failure to store is reported; learning goes on in memory. */
  readonly onError?: (message: string) => void;
}

export interface BaselineTracker {
  /** The alerts this event raises against its image's baseline (none while learning). */
  observe(event: RuntimeEvent, image: { id: string; name: string | null }): Promise<Alert[]>;
  /** Writes the items learnt since the last flush. */
  flush(): Promise<void>;
}

/** The event types baselines learn from: the kernel sensor must watch them even when no rule needs them. */
export const BASELINE_EVENT_TYPES: readonly RuntimeEventType[] = ['exec', 'connect', 'open'];

/** Items kept per image and deviations remembered per image: a noisy image cannot grow memory without bound. */
const MAX_ITEMS_PER_IMAGE = 20_000;
const MAX_IMAGES = 5_000;

const RULES: Readonly<Record<BaselineKind, string>> = {
  process: 'Unexpected process for image',
  connection: 'Unexpected connection for image',
  write: 'Unexpected file write for image',
};

const WHAT: Readonly<Record<BaselineKind, string>> = {
  process: 'ran',
  connection: 'connected to',
  write: 'wrote',
};

/** The baseline item an event stands for, if it is one of the behaviours learnt. */
export function baselineItemOf(event: RuntimeEvent): { kind: BaselineKind; value: string } | undefined {
  if (event.type === 'exec' && event.proc.exepath !== '')
    return { kind: 'process', value: event.proc.exepath };
  if (event.type === 'connect' && event.res >= 0 && event.fd.sip !== null && event.fd.sport !== null) {
    return { kind: 'connection', value: `${event.fd.sip}:${event.fd.sport}` };
  }
  if (event.type === 'open' && event.args.isWrite === true && event.res >= 0 && event.fd.name !== null) {
    return { kind: 'write', value: event.fd.name };
  }
  return undefined;
}

interface ImageState {
  readonly learnUntil: number;
  readonly known: Set<string>;
  readonly alerted: Set<string>;
  pending: BaselineItem[];
}

export function createBaselineTracker(options: BaselineTrackerOptions): BaselineTracker {
  const now = options.now ?? Date.now;
  const states = new Map<string, Promise<ImageState>>();

  const load = async (image: string, name: string | null): Promise<ImageState> => {
    const started = now();
    const stored = await options.store.startBaseline(
      image,
      name,
      new Date(started).toISOString(),
      new Date(started + options.learnMs).toISOString(),
    );
    return {
      learnUntil: Date.parse(stored.learnUntil),
      known: new Set(stored.items.map((i) => `${i.kind}\u0000${i.value}`)),
      alerted: new Set(),
      pending: [],
    };
  };

  const stateOf = (image: { id: string; name: string | null }): Promise<ImageState> | undefined => {
    let state = states.get(image.id);
    if (state === undefined) {
      if (states.size >= MAX_IMAGES) return undefined;
      state = load(image.id, image.name);
      states.set(image.id, state);
      // A store that cannot be read makes this image's baseline unknown: try again on its next event.
      state.catch((err: Error) => {
        states.delete(image.id);
        options.onError?.(`cannot read the baseline of ${image.name ?? image.id}: ${err.message}`);
      });
    }
    return state;
  };

  return {
    async observe(event, image) {
      const item = baselineItemOf(event);
      if (item === undefined) return [];
      const state = await stateOf(image)?.catch(() => undefined);
      if (state === undefined) return [];
      const key = `${item.kind}\u0000${item.value}`;
      if (state.known.has(key)) return [];
      const at = now();
      if (at < state.learnUntil) {
        if (state.known.size < MAX_ITEMS_PER_IMAGE) {
          state.known.add(key);
          state.pending.push({ ...item, firstSeen: new Date(at).toISOString() });
        }
        return [];
      }
      if (state.alerted.has(key) || state.alerted.size >= MAX_ITEMS_PER_IMAGE) return [];
      state.alerted.add(key);
      const imageName = image.name ?? image.id;
      const container = event.container;
      return [
        {
          time: new Date(event.time).toISOString(),
          rule: RULES[item.kind],
          priority: 'warning',
          output: `${container.name ?? container.id.slice(0, 12)} ${WHAT[item.kind]} ${item.value}, which ${imageName} never did while its baseline was learnt`,
          tags: ['coastguard', 'baseline'],
          container: { id: container.id, name: container.name, image: container.image },
          fields: {
            'baseline.kind': item.kind,
            'baseline.value': item.value,
            'container.image.id': image.id,
            'proc.cmdline': event.proc.cmdline,
          },
        },
      ];
    },

    async flush() {
      for (const [image, pending] of states) {
        const state = await pending.catch(() => undefined);
        if (state === undefined || state.pending.length === 0) continue;
        const items = state.pending;
        state.pending = [];
        await options.store.addBaselineItems(image, items).catch((err: Error) => {
          // Kept for the next flush: the items are still known in memory.
          state.pending.push(...items);
          options.onError?.(`cannot store the baseline of ${image}: ${err.message}`);
        });
      }
    },
  };
}
