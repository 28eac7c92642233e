// CIS Docker 1.6 §2.13: logs kept only on the host are lost with it and can be altered by whoever compromises it.
// json-file and local keep logs on the host; none keeps nothing.
import { defineCheck } from './define-check.js';
import { cannotTell, fail, onDaemon, pass } from './judge.js';

const LOCAL_DRIVERS = new Set(['json-file', 'local', 'none']);

export const daemonRemoteLogging = defineCheck(
  {
    cisId: '2.13',
    checkId: 'container-logging-configured',
    title: 'Ensure centralized and remote logging is configured',
    scope: 'daemon',
    severity: 'medium',
    automation: 'automated',
    remediation:
      'Set "log-driver" to a remote driver (syslog, fluentd, gelf, splunk, awslogs…) with its log-opts.',
  },
  onDaemon(({ daemon }) => {
    if (!daemon.loggingDriver) return cannotTell('the engine did not report its logging driver');
    const evidence = `LoggingDriver=${daemon.loggingDriver}`;
    return LOCAL_DRIVERS.has(daemon.loggingDriver)
      ? fail(`${evidence} (logs stay on this host)`)
      : pass(evidence);
  }),
);
