// CIS Docker 1.6 §5.10, §5.16, §5.17, §5.21, §5.31: sharing one of the host's namespaces removes that layer of
// isolation (host network sockets, host processes, host shared memory, the host name, host user ids). One table.
import type { Namespaces } from '../../core/inventory/container.js';
import { type CisDockerCheck, defineCheck } from './define-check.js';
import { eachContainer, fail, pass } from './judge.js';

interface NamespaceRule {
  cisId: string;
  title: string;
  namespace: keyof Namespaces;
  field: string;
  checkId: string;
  flag: string;
}

const RULES: readonly NamespaceRule[] = [
  {
    cisId: '5.10',
    title: "Ensure that the host's network namespace is not shared",
    namespace: 'network',
    field: 'HostConfig.NetworkMode',
    checkId: 'container-host-network',
    flag: '--network host',
  },
  {
    cisId: '5.16',
    title: "Ensure that the host's process namespace is not shared",
    namespace: 'pid',
    field: 'HostConfig.PidMode',
    checkId: 'container-host-pid-ipc-uts',
    flag: '--pid host',
  },
  {
    cisId: '5.17',
    title: "Ensure that the host's IPC namespace is not shared",
    namespace: 'ipc',
    field: 'HostConfig.IpcMode',
    checkId: 'container-host-pid-ipc-uts',
    flag: '--ipc host',
  },
  {
    cisId: '5.21',
    title: "Ensure that the host's UTS namespace is not shared",
    namespace: 'uts',
    field: 'HostConfig.UTSMode',
    checkId: 'container-host-pid-ipc-uts',
    flag: '--uts host',
  },
  {
    cisId: '5.31',
    title: "Ensure that the host's user namespaces are not shared",
    namespace: 'user',
    field: 'HostConfig.UsernsMode',
    checkId: 'container-host-pid-ipc-uts',
    flag: '--userns host',
  },
];

export const containerNamespaceChecks: readonly CisDockerCheck[] = RULES.map((rule) =>
  defineCheck(
    {
      cisId: rule.cisId,
      checkId: rule.checkId,
      title: rule.title,
      scope: 'container',
      severity: 'high',
      automation: 'automated',
      remediation: `Run the container without ${rule.flag}, in its own ${rule.namespace} namespace.`,
    },
    eachContainer((container) => {
      const mode = container.namespaces[rule.namespace];
      if (mode === 'host') return fail(`${rule.field}=host`);
      return pass(mode === '' ? `${rule.field}='' (private)` : `${rule.field}=${mode}`);
    }),
  ),
);
