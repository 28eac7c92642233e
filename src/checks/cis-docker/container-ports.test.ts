import { describe, expect, it } from 'vitest';
import { makeContainer, makeSnapshot } from '../../../test/support/snapshot.js';
import type { PortBinding } from '../../core/inventory/container.js';
import { evaluateOne } from '../__fixtures__/evaluate.js';
import {
  containerBoundInterface,
  containerNeededPorts,
  containerPrivilegedPorts,
  formatPort,
} from './container-ports.js';

function port(hostIp: string, hostPort: number, containerPort = 80): PortBinding {
  return { hostIp, hostPort, containerPort, protocol: 'tcp' };
}

function withPorts(ports: PortBinding[], network = 'app-net') {
  return makeSnapshot({ containers: [makeContainer({ ports, namespaces: { network } })] });
}

describe('formatPort', () => {
  it.each`
    binding                          | text
    ${port('', 80)}                  | ${'0.0.0.0:80→80/tcp'}
    ${port('127.0.0.1', 8080, 8080)} | ${'127.0.0.1:8080→8080/tcp'}
    ${port('::', 443, 443)}          | ${'[::]:443→443/tcp'}
  `('$text', ({ binding, text }) => {
    expect(formatPort(binding)).toBe(text);
  });
});

describe('5.8 privileged ports', () => {
  it.each`
    ports                                        | status    | evidence
    ${[port('', 80)]}                            | ${'fail'} | ${'HostConfig.PortBindings: 0.0.0.0:80→80/tcp'}
    ${[port('127.0.0.1', 1023), port('', 8080)]} | ${'fail'} | ${'HostConfig.PortBindings: 127.0.0.1:1023→80/tcp'}
    ${[port('127.0.0.1', 1024)]}                 | ${'pass'} | ${'HostConfig.PortBindings: 127.0.0.1:1024→80/tcp'}
    ${[port('', 0)]}                             | ${'pass'} | ${'HostConfig.PortBindings: 0.0.0.0:0→80/tcp'}
    ${[]}                                        | ${'pass'} | ${'no published ports'}
  `('$ports → $status', ({ ports, status, evidence }) => {
    expect(evaluateOne(containerPrivilegedPorts, withPorts(ports))).toMatchObject({ status, evidence });
  });

  it('asks a person about a container on the host network', () => {
    expect(evaluateOne(containerPrivilegedPorts, withPorts([], 'host')).status).toBe('manual');
  });
});

describe('5.9 only needed ports', () => {
  it('lists the published ports for a person', () => {
    const result = evaluateOne(
      containerNeededPorts,
      withPorts([port('', 80), port('127.0.0.1', 9090, 9090)]),
    );
    expect(result).toMatchObject({
      status: 'manual',
      evidence:
        'HostConfig.PortBindings: 0.0.0.0:80→80/tcp, 127.0.0.1:9090→9090/tcp: confirm each one is needed',
    });
  });

  it('has nothing to review without published ports, except on the host network', () => {
    expect(evaluateOne(containerNeededPorts, withPorts([])).status).toBe('not-applicable');
    expect(evaluateOne(containerNeededPorts, withPorts([], 'host')).status).toBe('manual');
  });
});

describe('5.14 bound to a specific interface', () => {
  it.each`
    ports                       | status    | evidence
    ${[port('', 80)]}           | ${'fail'} | ${'HostConfig.PortBindings: 0.0.0.0:80→80/tcp (all interfaces)'}
    ${[port('0.0.0.0', 8080)]}  | ${'fail'} | ${'HostConfig.PortBindings: 0.0.0.0:8080→80/tcp (all interfaces)'}
    ${[port('::', 8080)]}       | ${'fail'} | ${'HostConfig.PortBindings: [::]:8080→80/tcp (all interfaces)'}
    ${[port('10.0.0.5', 8080)]} | ${'pass'} | ${'HostConfig.PortBindings: 10.0.0.5:8080→80/tcp'}
    ${[]}                       | ${'pass'} | ${'no published ports'}
  `('$ports → $status', ({ ports, status, evidence }) => {
    expect(evaluateOne(containerBoundInterface, withPorts(ports))).toMatchObject({ status, evidence });
  });
});
