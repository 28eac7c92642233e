// Every schema migration this version of Coastguard knows, listed explicitly (no folder scan, so bundling or a
// stray file cannot change what runs). Names sort in the order they must run; never rename or edit a released one.
import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './0001-initial.js';
import * as auditTrail from './0002-audit-trail.js';
import * as advisories from './0003-advisories.js';
import * as runtimeAlerts from './0004-runtime-alerts.js';
import * as packedResults from './0005-packed-results.js';
import * as attestations from './0006-attestations.js';
import * as imageScans from './0007-image-scans.js';

export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-initial': initial,
  '0002-audit-trail': auditTrail,
  '0003-advisories': advisories,
  '0004-runtime-alerts': runtimeAlerts,
  '0005-packed-results': packedResults,
  '0006-attestations': attestations,
  '0007-image-scans': imageScans,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => ({ ...MIGRATIONS }),
};
