// Preserves the evidence (see forensics/evidence-bundle.ts) before anything destructive runs.
import type { JsonObject } from '../../core/audit/audit-entry.js';
import { captureEvidence } from '../forensics/index.js';
import { type Responder, recordAction } from './responder.js';

export const capture: Responder = {
  action: 'capture',
  isDestructive: false,
  run: (target, ctx) =>
    recordAction('capture', target, ctx, async () => {
      const step = ctx.step.action === 'capture' ? ctx.step : { memory: true, checkpoint: false };
      const bundle = await captureEvidence(ctx.client, target, {
        home: ctx.home,
        signer: ctx.signer,
        alert: JSON.parse(JSON.stringify(ctx.alert)) as JsonObject,
        isMemoryWanted: step.memory,
        isCheckpointWanted: step.checkpoint,
        keepPaused: ctx.keepPaused,
        now: ctx.now,
      });
      const partial = bundle.notes.length === 0 ? '' : ` (${bundle.notes.length} notes)`;
      return {
        detail: `captured evidence to ${bundle.dir}${partial}`,
        data: {
          evidencePath: bundle.dir,
          evidenceArchive: bundle.archive,
          manifestSha256: bundle.manifestSha256,
          notes: bundle.notes,
          isPaused: bundle.isPaused,
        },
      };
    }),
};
