// CIS Docker 1.6 §5.18: a host device in a container gives it direct access to hardware or kernel interfaces.
// Whether a listed device is needed is a judgement; a privileged container has all of them, which is not.
import { defineCheck } from './define-check.js';
import { eachContainer, fail, manual, pass } from './judge.js';

export const containerDevices = defineCheck(
  {
    cisId: '5.18',
    checkId: 'container-hostpath-sensitive-mount',
    title: 'Ensure that host devices are not directly exposed to containers',
    scope: 'container',
    severity: 'high',
    automation: 'automated',
    remediation:
      'Remove --device mappings the workload does not need; grant the rest with the narrowest permissions.',
  },
  eachContainer((container) => {
    if (container.isPrivileged) return fail('HostConfig.Privileged=true (every host device exposed)');
    if (container.devices.length === 0) return pass('HostConfig.Devices=[]');
    const devices = container.devices
      .map((d) => `${d.pathOnHost} → ${d.pathInContainer} (${d.permissions || 'rwm'})`)
      .join('; ');
    return manual(`HostConfig.Devices: ${devices}: confirm each device is needed`);
  }),
);
