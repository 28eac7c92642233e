// Freezes every process of the container (cgroup freezer, POST /containers/{id}/pause): nothing runs, nothing is lost.
import { EngineRequestError, requestEngine } from '../../collect/docker/engine-client.js';
import { containerPath, type Responder, recordAction } from './responder.js';

export const pause: Responder = {
  action: 'pause',
  isDestructive: false,
  run: (target, ctx) =>
    recordAction('pause', target, ctx, async () => {
      try {
        await requestEngine(ctx.client, containerPath(target, '/pause'), { method: 'POST' });
      } catch (err) {
        // The engine answers 409 for a container already paused (by an earlier capture): the goal holds.
        if (
          err instanceof EngineRequestError &&
          err.statusCode === 409 &&
          /already paused/i.test(err.message)
        ) {
          return { detail: 'the container was already paused' };
        }
        throw err;
      }
      return { detail: 'paused the container' };
    }),
};
