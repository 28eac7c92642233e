// CIS Docker 1.6 §2.5: an insecure registry is reached without verified TLS, so images can be swapped in transit.
// The engine always lists 127.0.0.0/8 (a local registry), which is not a configuration choice.
import { defineCheck } from './define-check.js';
import { fail, onDaemon, pass } from './judge.js';

const BUILT_IN = new Set(['127.0.0.0/8']);

export const daemonInsecureRegistries = defineCheck(
  {
    cisId: '2.5',
    checkId: 'registry-tls-only',
    title: 'Ensure insecure registries are not used',
    scope: 'daemon',
    severity: 'high',
    automation: 'automated',
    remediation:
      'Remove "insecure-registries" from daemon.json and give each registry a trusted TLS certificate.',
  },
  onDaemon(({ daemon }) => {
    const configured = daemon.insecureRegistries.filter((r) => !BUILT_IN.has(r));
    if (configured.length > 0) return fail(`insecure registries: ${configured.join(', ')}`);
    return pass('no insecure registries besides the built-in 127.0.0.0/8');
  }),
);
