// The sensors: one folder each, behind the Sensor seam.

export {
  type BpftraceSensorOptions,
  checkBpftrace,
  createBpftraceSensor,
  DEFAULT_READ_PREFIXES,
  generateProgram,
} from './bpftrace/index.js';
export { containerIdFromCgroup, containerIdFromProcCgroup } from './cgroup.js';
export {
  type ContainerTable,
  createContainerTable,
  createDockerEventsSensor,
  type DockerEventsSensorOptions,
} from './docker-events/index.js';
export { createFalcoJsonSensor, type FalcoJsonSensorOptions, parseFalcoLine } from './falco-json/index.js';
export { createProcScanSensor, type ProcScanSensorOptions } from './proc-scan/index.js';
export type { ContainerInfo, Sensor, SensorStatus } from './sensor.js';

/** Sensor ids, equal to their folder names. */
export const SENSOR_IDS = ['bpftrace', 'docker-events', 'falco-json', 'proc-scan'] as const;
export type SensorId = (typeof SENSOR_IDS)[number];
