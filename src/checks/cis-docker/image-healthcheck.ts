// CIS Docker 1.6 §4.6: a HEALTHCHECK in the image lets the engine (and orchestrators) tell a hung service from a
// working one, for every container started from it.
import { defineCheck } from './define-check.js';
import { eachImage, fail, pass } from './judge.js';

export const imageHealthcheck = defineCheck(
  {
    cisId: '4.6',
    checkId: 'container-health-restart',
    title: 'Ensure that HEALTHCHECK instructions have been added to container images',
    scope: 'image',
    severity: 'low',
    automation: 'automated',
    remediation: 'Add a HEALTHCHECK instruction to the Dockerfile that probes the service the image runs.',
  },
  eachImage((image) =>
    image.hasHealthCheck
      ? pass('Config.Healthcheck set')
      : fail('Config.Healthcheck not set (no HEALTHCHECK)'),
  ),
);
