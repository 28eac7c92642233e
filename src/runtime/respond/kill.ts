// Sends a signal to the container's main process (POST /containers/{id}/kill), SIGKILL unless the step says otherwise.
import { requestEngine } from '../../collect/docker/engine-client.js';
import { containerPath, type Responder, recordAction } from './responder.js';

export const kill: Responder = {
  action: 'kill',
  isDestructive: true,
  run: (target, ctx) =>
    recordAction('kill', target, ctx, async () => {
      const signal = ctx.step.action === 'kill' ? ctx.step.signal : 'SIGKILL';
      await requestEngine(ctx.client, containerPath(target, '/kill'), { method: 'POST', query: { signal } });
      return { detail: `sent ${signal} to the container`, data: { signal } };
    }),
};
