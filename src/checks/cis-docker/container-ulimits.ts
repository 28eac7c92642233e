// CIS Docker 1.6 §5.19: per-container ulimits override the daemon defaults; whether an override is justified is a
// judgement, so a person sees exactly what each container sets.
import { defineCheck } from './define-check.js';
import { eachContainer, manual, pass } from './judge.js';

export const containerUlimits = defineCheck(
  {
    cisId: '5.19',
    checkId: 'resource-limits-cpu-pids',
    title: 'Ensure that the default ulimit is overwritten at runtime if needed',
    scope: 'container',
    severity: 'low',
    automation: 'automated',
    remediation: 'Override the default ulimits (--ulimit) only where a documented need exists.',
  },
  eachContainer(({ resources }) => {
    if (resources.ulimits.length === 0) return pass('HostConfig.Ulimits=[] (daemon defaults apply)');
    const limits = resources.ulimits.map((u) => `${u.name}=${u.soft}:${u.hard}`).join(', ');
    return manual(`HostConfig.Ulimits: ${limits}: confirm each override is needed`);
  }),
);
