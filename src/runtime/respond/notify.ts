// Hands the alert and its container to the notifier the pipeline provides (exporters, pagers).
import { type Responder, recordAction } from './responder.js';

export const notify: Responder = {
  action: 'notify',
  isDestructive: false,
  run: (target, ctx) =>
    recordAction('notify', target, ctx, async () => {
      if (ctx.notify === undefined) throw new Error('no notifier is configured');
      await ctx.notify(ctx.alert, target);
      return { detail: 'handed the alert to the notifier' };
    }),
};
