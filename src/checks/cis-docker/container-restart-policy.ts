// CIS Docker 1.6 §5.15: a container that restarts forever hides a crash loop (or an attack that keeps killing it)
// and keeps consuming the host. on-failure with at most 5 retries is the benchmark's bound; 'always' and
// 'unless-stopped' retry without end, and so does on-failure with MaximumRetryCount 0.
import { defineCheck } from './define-check.js';
import { cannotTell, eachContainer, fail, pass } from './judge.js';

const MAX_RETRIES = 5;

export const containerRestartPolicy = defineCheck(
  {
    cisId: '5.15',
    checkId: 'container-health-restart',
    title: "Ensure that the 'on-failure' container restart policy is set to '5'",
    scope: 'container',
    severity: 'low',
    automation: 'automated',
    remediation: 'Use --restart on-failure:5 (or no restart policy) instead of always or unless-stopped.',
  },
  eachContainer(({ restartPolicy }) => {
    const { name, maximumRetryCount } = restartPolicy;
    if (name === 'no' || name === '') return pass('HostConfig.RestartPolicy=no');
    if (name === 'always' || name === 'unless-stopped') return fail(`HostConfig.RestartPolicy=${name}`);
    if (name !== 'on-failure') return cannotTell(`HostConfig.RestartPolicy=${name} is not a known policy`);
    const seen = `HostConfig.RestartPolicy=on-failure:${maximumRetryCount}`;
    if (maximumRetryCount === 0) return fail(`${seen} (unlimited retries)`);
    return maximumRetryCount <= MAX_RETRIES ? pass(seen) : fail(seen);
  }),
);
