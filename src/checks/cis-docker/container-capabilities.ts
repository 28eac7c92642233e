// CIS Docker 1.6 §5.4: containers should hold only the capabilities they need. Re-adding one of Docker's default
// capabilities (typically after --cap-drop ALL) is the recommended pattern; anything beyond the default set, or
// ALL, widens what a compromised process can do to the host.
import { defineCheck } from './define-check.js';
import { eachContainer, fail, pass } from './judge.js';

/** Docker's default capability set (moby oci/caps/defaults.go). */
export const DEFAULT_CAPABILITIES: ReadonlySet<string> = new Set([
  'CAP_CHOWN',
  'CAP_DAC_OVERRIDE',
  'CAP_FSETID',
  'CAP_FOWNER',
  'CAP_MKNOD',
  'CAP_NET_RAW',
  'CAP_SETGID',
  'CAP_SETUID',
  'CAP_SETFCAP',
  'CAP_SETPCAP',
  'CAP_NET_BIND_SERVICE',
  'CAP_SYS_CHROOT',
  'CAP_KILL',
  'CAP_AUDIT_WRITE',
]);

function formatList(values: readonly string[]): string {
  return `[${values.join(',')}]`;
}

export const containerCapabilities = defineCheck(
  {
    cisId: '5.4',
    checkId: 'container-capabilities-excess',
    title: 'Ensure that Linux kernel capabilities are restricted within containers',
    scope: 'container',
    severity: 'high',
    automation: 'automated',
    remediation: 'Run with --cap-drop ALL and add back only the default capabilities the process needs.',
  },
  eachContainer((container) => {
    const seen = `HostConfig.CapAdd=${formatList(container.capAdd)} CapDrop=${formatList(container.capDrop)}`;
    if (container.isPrivileged) return fail('HostConfig.Privileged=true (every capability granted)');
    const excess = container.capAdd.filter((c) => !DEFAULT_CAPABILITIES.has(c));
    if (excess.length > 0) return fail(`${seen} (beyond the default set: ${excess.join(', ')})`);
    return pass(seen);
  }),
);
