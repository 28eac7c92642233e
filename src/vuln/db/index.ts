// The offline vulnerability database: OSV import, update and status, and the seams a store implements.
export type { AdvisorySource, AdvisoryStoreWriter } from './advisory-source.js';
export { createMemoryAdvisorySource } from './memory-source.js';
export { distroOf, normalizePackageName, type OsvEcosystem, parseOsvEcosystem } from './osv-ecosystem.js';
export {
  DEFAULT_IMPORT_LIMITS,
  type ImportLimits,
  parseOsvRecord,
  readOsvDirectory,
  readOsvUrl,
  readOsvZip,
} from './osv-import.js';
export {
  type DatabaseStatus,
  DEFAULT_MAX_AGE_DAYS,
  describeDatabaseStatus,
  type SourceAge,
  type UpdateReport,
  updateAdvisoryDatabase,
} from './update.js';
