// CIS Docker 1.6 §1.2.1: host hardening is judged against a separate OS benchmark; we give the person the facts.
import { defineCheck } from './define-check.js';
import { manual, onHost } from './judge.js';

export const hostHardened = defineCheck(
  {
    cisId: '1.2.1',
    checkId: 'host-hardened-minimal-os',
    title: 'Ensure the container host has been Hardened',
    scope: 'host',
    severity: 'medium',
    automation: 'manual',
    remediation:
      'Harden the host against the CIS benchmark for its OS, or run a minimal container-focused OS.',
  },
  onHost(({ host }) =>
    manual(
      `assess ${host.operatingSystem || 'the OS'} (kernel ${host.kernelVersion || 'unknown'}, ${host.architecture || 'unknown arch'}, platform ${host.platform}) against its OS hardening benchmark`,
    ),
  ),
);
