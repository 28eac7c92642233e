// The `runbooks:` section of coastguard.yaml: which alerts trigger which ordered response steps, and the containers
// responses never touch. Every runbook is a dry run unless it says `dryRun: false`.
//
//   runbooks:
//     neverActOn: { containers: [db-*], images: [registry.local/payments/*], labels: { tier: critical } }
//     list:
//       - name: contain-miners
//         when: { rules: ['Crypto miner*'], minPriority: warning, tags: [] }
//         dryRun: false
//         cooldownSeconds: 300
//         keepPaused: false
//         steps:
//           - { action: capture, memory: true, checkpoint: false }
//           - { action: isolate }
//           - { action: kill, signal: SIGKILL, onError: stop }
import { z } from 'zod';
import { parseRulePriority, type RulePriority } from '../../core/runtime/alert.js';

const Text = z.string().trim().min(1);

const Priority = z.string().transform((value, ctx): RulePriority => {
  const priority = parseRulePriority(value);
  if (priority === undefined) {
    ctx.addIssue({ code: 'custom', message: `not a rule priority: ${value} (emergency … debug)` });
    return z.NEVER;
  }
  return priority;
});

/** What to do when a step fails: go on with the next step (default) or end the runbook there. */
const OnError = z.enum(['continue', 'stop']).default('continue');

const CaptureStep = z.strictObject({
  action: z.literal('capture'),
  onError: OnError,
  memory: z.boolean().default(true),
  checkpoint: z.boolean().default(false),
});
const PauseStep = z.strictObject({ action: z.literal('pause'), onError: OnError });
const IsolateStep = z.strictObject({ action: z.literal('isolate'), onError: OnError });
const StopStep = z.strictObject({
  action: z.literal('stop'),
  onError: OnError,
  timeoutSeconds: z.number().int().min(0).max(3600).default(10),
});
const KillStep = z.strictObject({
  action: z.literal('kill'),
  onError: OnError,
  signal: z
    .string()
    .regex(/^(SIG[A-Z0-9+-]+|[1-9]\d?)$/, 'expected a signal name (SIGKILL) or number')
    .default('SIGKILL'),
});
const NotifyStep = z.strictObject({ action: z.literal('notify'), onError: OnError });

export const RunbookStep = z.discriminatedUnion('action', [
  CaptureStep,
  PauseStep,
  IsolateStep,
  StopStep,
  KillStep,
  NotifyStep,
]);
export type RunbookStep = z.infer<typeof RunbookStep>;
export type StepAction = RunbookStep['action'];

export const RunbookTrigger = z
  .strictObject({
    /** Rule names, with `*` and `?` globs, matched case-insensitively. */
    rules: z.array(Text).optional(),
    /** The alert's priority is at least this. */
    minPriority: Priority.optional(),
    /** The alert carries at least one of these tags. */
    tags: z.array(Text).optional(),
  })
  .refine((t) => t.rules !== undefined || t.minPriority !== undefined || t.tags !== undefined, {
    message: 'a trigger names rules, a minimum priority or tags',
  });
export type RunbookTrigger = z.infer<typeof RunbookTrigger>;

export const Runbook = z.strictObject({
  name: Text,
  when: RunbookTrigger,
  steps: z.array(RunbookStep).min(1),
  dryRun: z.boolean().default(true),
  /** A runbook acts on one container at most once in this many seconds. */
  cooldownSeconds: z.number().int().min(0).default(300),
  /** Leave the container paused after a capture, for a responder to look at. */
  keepPaused: z.boolean().default(false),
});
export type Runbook = z.infer<typeof Runbook>;

export const NeverActOn = z.strictObject({
  /** Container names (globs). */
  containers: z.array(Text).default([]),
  /** Image references (globs). */
  images: z.array(Text).default([]),
  /** Labels with these exact values. */
  labels: z.record(z.string(), z.string()).default({}),
});
export type NeverActOn = z.infer<typeof NeverActOn>;

export const RunbooksConfig = z
  .strictObject({
    neverActOn: NeverActOn.default({ containers: [], images: [], labels: {} }),
    list: z.array(Runbook).default([]),
  })
  .refine((c) => new Set(c.list.map((r) => r.name)).size === c.list.length, {
    message: 'runbook names must be unique',
  });
export type RunbooksConfig = z.infer<typeof RunbooksConfig>;
