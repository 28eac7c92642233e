// Stops the container (POST /containers/{id}/stop): SIGTERM, then SIGKILL after the step's timeout.
import { EngineRequestError, requestEngine } from '../../collect/docker/engine-client.js';
import { containerPath, type Responder, recordAction } from './responder.js';

export const stop: Responder = {
  action: 'stop',
  isDestructive: true,
  run: (target, ctx) =>
    recordAction('stop', target, ctx, async () => {
      const timeout = ctx.step.action === 'stop' ? ctx.step.timeoutSeconds : 10;
      try {
        await requestEngine(ctx.client, containerPath(target, '/stop'), {
          method: 'POST',
          query: { t: timeout },
          // The engine answers only once the container is down: allow the grace period and then some.
          signal: AbortSignal.timeout((timeout + 30) * 1000),
        });
      } catch (err) {
        // 304: already stopped.
        if (err instanceof EngineRequestError && err.statusCode === 304) {
          return { detail: 'the container was already stopped' };
        }
        throw err;
      }
      return {
        detail: `stopped the container (grace period ${timeout} s)`,
        data: { timeoutSeconds: timeout },
      };
    }),
};
