// Forensics: evidence bundles (memory as ELF cores, processes, sockets, logs, filesystem diff), their signed
// manifest and its verification, and CRIU checkpoint detection.

export {
  type BundleVerdict,
  type EvidenceManifest,
  type EvidenceSigner,
  type EvidenceVerifier,
  MANIFEST_FILE,
  MANIFEST_FORMAT,
  MANIFEST_VERSION,
  verifyEvidenceBundle,
} from '../../evidence/manifest.js';
export {
  type CheckpointSupport,
  createCheckpoint,
  detectCheckpointSupport,
  runCriuCheck,
  summarizeCriuFailure,
} from './checkpoint.js';
export { decodeAddress, parseSocketTable, readConnections, type SocketEntry } from './connections.js';
export { CORE_MACHINES, type CoreMachine, hostCoreMachine, layoutCore } from './elf-core.js';
export {
  type CaptureOptions,
  captureEvidence,
  DEFAULT_EVIDENCE_LIMITS,
  type EvidenceBundle,
  type EvidenceLimits,
  exportablePaths,
  redactInspect,
} from './evidence-bundle.js';
export { type MapsEntry, type ProcessCore, parseMaps, writeProcessCore } from './proc-memory.js';
