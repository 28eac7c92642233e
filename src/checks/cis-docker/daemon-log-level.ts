// CIS Docker 1.6 §2.3: 'info' records what an investigation needs; 'debug' floods the logs and anything above
// 'info' drops events.
import { decideOption, formatOption, formatUnset, toBoolean } from './daemon-options.js';
import { defineCheck } from './define-check.js';
import { fail, onDaemon, pass } from './judge.js';

export const daemonLogLevel = defineCheck(
  {
    cisId: '2.3',
    checkId: 'daemon-hardening',
    title: "Ensure the logging level is set to 'info'",
    scope: 'daemon',
    severity: 'medium',
    automation: 'automated',
    remediation:
      'Remove "log-level" and "debug" from daemon.json and dockerd flags, or set "log-level": "info".',
  },
  onDaemon(({ daemon }) => {
    const debug = daemon.options.debug;
    if (debug !== undefined && toBoolean(debug) === true) return fail(formatOption('debug', debug));
    return decideOption(daemon, 'log-level', {
      whenUnset: pass(formatUnset('log-level', 'default info')),
      whenSet: (value) =>
        typeof value === 'string' && value.trim().toLowerCase() === 'info'
          ? pass(formatOption('log-level', value))
          : fail(formatOption('log-level', value)),
    });
  }),
);
