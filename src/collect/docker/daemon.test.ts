import { describe, expect, it } from 'vitest';
import { buildDaemon, type EngineInfo, listInsecureRegistries } from './daemon.js';

const configuration = {
  options: { icc: false },
  configSources: { commandLine: ['dockerd'] },
  configErrors: [],
};

const INFO: EngineInfo = {
  ServerVersion: '20.10.24',
  Driver: 'overlay2',
  LoggingDriver: 'json-file',
  CgroupDriver: 'systemd',
  CgroupVersion: '2',
  SecurityOptions: ['name=seccomp,profile=default', 'name=userns', 'name=rootless'],
  ExperimentalBuild: true,
  LiveRestoreEnabled: true,
  RegistryConfig: {
    InsecureRegistryCIDRs: ['127.0.0.0/8', '10.0.0.0/8'],
    IndexConfigs: {
      'docker.io': { Name: 'docker.io', Secure: true, Official: true },
      'registry.local:5000': { Name: 'registry.local:5000', Secure: false },
    },
  },
  Plugins: { Authorization: ['authz-broker'] },
  Swarm: {
    LocalNodeState: 'active',
    ControlAvailable: true,
    NodeAddr: '192.0.2.10',
    Managers: 3,
    Nodes: 5,
    Cluster: { Spec: { EncryptionConfig: { AutoLockManagers: false } } },
  },
};

describe('buildDaemon', () => {
  it('maps the engine facts and keeps the configuration it is given', () => {
    expect(
      buildDaemon({ info: INFO, version: { Version: '20.10.24+dfsg1', ApiVersion: '1.41' } }, configuration),
    ).toEqual({
      serverVersion: '20.10.24+dfsg1',
      apiVersion: '1.41',
      storageDriver: 'overlay2',
      loggingDriver: 'json-file',
      cgroupDriver: 'systemd',
      cgroupVersion: '2',
      securityOptions: ['name=seccomp,profile=default', 'name=userns', 'name=rootless'],
      isExperimental: true,
      isLiveRestoreEnabled: true,
      isRootless: true,
      insecureRegistries: ['127.0.0.0/8', '10.0.0.0/8', 'registry.local:5000'],
      authorizationPlugins: ['authz-broker'],
      swarm: {
        state: 'active',
        isManager: true,
        nodeAddress: '192.0.2.10',
        managers: 3,
        nodes: 5,
        isAutoLockEnabled: false,
      },
      options: { icc: false },
      configSources: { commandLine: ['dockerd'] },
      configErrors: [],
    });
  });

  it('fills safe empty values from an engine that reports little', () => {
    const daemon = buildDaemon({ info: {}, version: {} }, configuration);
    expect(daemon).toMatchObject({
      serverVersion: '',
      securityOptions: [],
      isRootless: false,
      insecureRegistries: [],
      authorizationPlugins: [],
      swarm: { state: 'inactive', isManager: false },
    });
  });

  it('reports a swarm worker without manager-only facts', () => {
    const daemon = buildDaemon(
      {
        info: {
          Swarm: { LocalNodeState: 'active', ControlAvailable: false, NodeAddr: '10.0.0.2', Managers: 0 },
        },
        version: {},
      },
      configuration,
    );
    expect(daemon.swarm).toEqual({ state: 'active', isManager: false, nodeAddress: '10.0.0.2' });
  });
});

describe('listInsecureRegistries', () => {
  it('reports the built-in loopback CIDR as the engine does, and no secure index', () => {
    expect(
      listInsecureRegistries({
        RegistryConfig: {
          InsecureRegistryCIDRs: ['127.0.0.0/8'],
          IndexConfigs: { 'docker.io': { Secure: true } },
        },
      }),
    ).toEqual(['127.0.0.0/8']);
  });
});
