// The audit trail's public face: append, checkpoint, sign, verify and export files. Exporters to SIEMs live in
// export/ and read the trail through the store.
export { type AppendAuditOptions, appendAudit, appendAuditBatch } from './append.js';
export {
  ARCHIVE_FORMAT,
  ARCHIVE_VERSION,
  type ArchiveHeader,
  verifyArchive,
  writeArchive,
  writeArchiveFile,
} from './archive.js';
export { assessmentAuditDrafts, localActor, recordAssessmentAudit } from './assessment-events.js';
export { type ChainBreak, type ChainVerdict, createChainVerifier, verifyChain } from './chain.js';
export {
  checkCheckpointSignature,
  checkpointAudit,
  DEFAULT_CHECKPOINT_EVERY,
  isCheckpointDue,
  signCheckpoint,
} from './checkpoint.js';
export {
  type AuditPublicKey,
  type AuditSigner,
  KEY_FILE,
  loadHomePublicKey,
  loadOrCreateSigner,
  readPublicKeyFile,
} from './sign.js';
export {
  checkCheckpoints,
  joinRanges,
  type RangeOptions,
  type RangeVerdict,
  readStoredPages,
  type TrailVerdict,
  type TrailVerified,
  verifyRange,
  verifyStore,
  verifyTrail,
} from './verify.js';
