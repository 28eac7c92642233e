// CIS Docker 1.6 §5.32: the Docker (or containerd) socket inside a container is full control of the engine, and so
// of the host. Read-only does not help (connecting to a socket is not a write to the file system), and mounting
// /run or /var/run exposes the socket as well.
import type { Mount } from '../../core/inventory/container.js';
import { defineCheck } from './define-check.js';
import { eachContainer, fail, formatMount, pass } from './judge.js';

const SOCKET = /(?:^|\/)(?:docker|containerd|cri-dockerd)\.sock$/;
const SOCKET_DIRECTORIES: ReadonlySet<string> = new Set([
  '/run',
  '/var/run',
  '/run/containerd',
  '/var/run/containerd',
]);

function exposesSocket(mount: Mount): boolean {
  const source = mount.source.length > 1 ? mount.source.replace(/\/+$/, '') : mount.source;
  return SOCKET.test(source) || SOCKET_DIRECTORIES.has(source);
}

export const containerRuntimeSocket = defineCheck(
  {
    cisId: '5.32',
    checkId: 'container-runtime-socket-mounted',
    title: 'Ensure that the Docker socket is not mounted inside any containers',
    scope: 'container',
    severity: 'critical',
    automation: 'automated',
    remediation:
      'Remove the docker.sock mount; give tools that need the API a narrowly scoped proxy instead.',
  },
  eachContainer((container) => {
    const exposed = container.mounts.filter(exposesSocket);
    if (exposed.length > 0) return fail(`Mounts: ${exposed.map(formatMount).join('; ')}`);
    return pass('no runtime socket mounted');
  }),
);
