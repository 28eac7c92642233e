// CIS Docker 1.6 §5.8, §5.9, §5.14: what a container publishes on the host. Privileged ports (<1024) need
// privileges to bind and collide with host services; a port bound to every interface is reachable from every
// network the host is on; whether each port is needed at all is a judgement.
//
// A container on the host network publishes nothing in its configuration: every socket it opens is a host socket,
// so those cases go to a person.
import type { Container, PortBinding } from '../../core/inventory/container.js';
import { defineCheck } from './define-check.js';
import { eachContainer, fail, manual, notApplicable, pass } from './judge.js';

const HOST_NETWORK_NOTE = 'HostConfig.NetworkMode=host: every port the container listens on is a host port';

/** `0.0.0.0:80→80/tcp`; an empty HostIp is shown as Docker binds it, on every interface. */
export function formatPort(port: PortBinding): string {
  const ip = port.hostIp === '' ? '0.0.0.0' : port.hostIp.includes(':') ? `[${port.hostIp}]` : port.hostIp;
  return `${ip}:${port.hostPort}→${port.containerPort}/${port.protocol}`;
}

function isAllInterfaces(port: PortBinding): boolean {
  return port.hostIp === '' || port.hostIp === '0.0.0.0' || port.hostIp === '::';
}

function isHostNetwork(container: Container): boolean {
  return container.namespaces.network === 'host';
}

function listPorts(ports: readonly PortBinding[]): string {
  return ports.map(formatPort).join(', ');
}

export const containerPrivilegedPorts = defineCheck(
  {
    cisId: '5.8',
    checkId: 'container-host-ports',
    title: 'Ensure privileged ports are not mapped within containers',
    scope: 'container',
    severity: 'medium',
    automation: 'automated',
    remediation:
      'Publish the service on a host port of 1024 or above (e.g. -p 8080:80), behind a proxy if needed.',
  },
  eachContainer((container) => {
    if (isHostNetwork(container)) return manual(`${HOST_NETWORK_NOTE}: check none listens below 1024`);
    const privileged = container.ports.filter((p) => p.hostPort > 0 && p.hostPort < 1024);
    if (privileged.length > 0) return fail(`HostConfig.PortBindings: ${listPorts(privileged)}`);
    if (container.ports.length === 0) return pass('no published ports');
    return pass(`HostConfig.PortBindings: ${listPorts(container.ports)}`);
  }),
);

export const containerNeededPorts = defineCheck(
  {
    cisId: '5.9',
    checkId: 'container-host-ports',
    title: 'Ensure that only needed ports are open on the container',
    scope: 'container',
    severity: 'medium',
    automation: 'manual',
    remediation:
      'Publish only the ports the service must offer outside the host; drop -P and unused -p mappings.',
  },
  eachContainer((container) => {
    if (isHostNetwork(container)) {
      return manual(`${HOST_NETWORK_NOTE}: confirm each listening port is needed`);
    }
    if (container.ports.length === 0) return notApplicable('no published ports');
    return manual(`HostConfig.PortBindings: ${listPorts(container.ports)}: confirm each one is needed`);
  }),
);

export const containerBoundInterface = defineCheck(
  {
    cisId: '5.14',
    checkId: 'container-host-ports',
    title: 'Ensure that incoming container traffic is bound to a specific host interface',
    scope: 'container',
    severity: 'medium',
    automation: 'automated',
    remediation:
      'Publish ports on a specific host address (e.g. -p 127.0.0.1:8080:80), not on all interfaces.',
  },
  eachContainer((container) => {
    if (isHostNetwork(container)) return manual(`${HOST_NETWORK_NOTE}: check which addresses it binds`);
    const open = container.ports.filter(isAllInterfaces);
    if (open.length > 0) return fail(`HostConfig.PortBindings: ${listPorts(open)} (all interfaces)`);
    if (container.ports.length === 0) return pass('no published ports');
    return pass(`HostConfig.PortBindings: ${listPorts(container.ports)}`);
  }),
);
