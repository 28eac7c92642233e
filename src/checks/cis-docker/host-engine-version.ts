// CIS Docker 1.6 §1.2.2: whether an engine version is current depends on the release stream in use, which changes
// after the scan; we report the exact version for a person to compare.
import { defineCheck } from './define-check.js';
import { cannotTell, manual, onDaemon } from './judge.js';

export const hostEngineVersion = defineCheck(
  {
    cisId: '1.2.2',
    checkId: 'runtime-version-supported',
    title: 'Ensure that the version of Docker is up to date',
    scope: 'daemon',
    severity: 'high',
    automation: 'manual',
    remediation: 'Upgrade Docker Engine to a release its vendor still supports with security fixes.',
  },
  onDaemon(({ daemon }) => {
    if (!daemon.serverVersion) return cannotTell('the engine did not report its version');
    const api = daemon.apiVersion ? ` (API ${daemon.apiVersion})` : '';
    return manual(
      `Docker Engine ${daemon.serverVersion}${api}: compare with the supported releases of its vendor`,
    );
  }),
);
