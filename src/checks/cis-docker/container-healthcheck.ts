// CIS Docker 1.6 §5.27: without a health check, a container whose service hangs still looks healthy to the engine
// and to anything that restarts or routes around failures.
import { defineCheck } from './define-check.js';
import { eachContainer, fail, pass } from './judge.js';

export const containerHealthcheck = defineCheck(
  {
    cisId: '5.27',
    checkId: 'container-health-restart',
    title: 'Ensure that container health is checked at runtime',
    scope: 'container',
    severity: 'low',
    automation: 'automated',
    remediation: 'Give the container a health check (--health-cmd, or HEALTHCHECK in its image).',
  },
  eachContainer((container) => {
    if (!container.healthCheck) {
      return fail('Config.Healthcheck not set (none in the container or its image)');
    }
    const status = container.healthStatus ? ` (State.Health.Status=${container.healthStatus})` : '';
    return pass(`Config.Healthcheck.Test=${container.healthCheck.test.join(' ')}${status}`);
  }),
);
