// The vulnerability database commands' work: import a source into the store, read its status.
import type { Store } from '../store/index.js';
import type { ImportLimits } from '../vuln/db/index.js';
import {
  type DatabaseStatus,
  describeDatabaseStatus,
  type UpdateReport,
  updateAdvisoryDatabase,
} from '../vuln/db/index.js';

export async function updateVulnerabilityDatabase(
  store: Store,
  source: string,
  options: { limits?: ImportLimits } = {},
): Promise<UpdateReport> {
  return updateAdvisoryDatabase(source, store.advisories, options);
}

export async function readVulnerabilityDatabaseStatus(
  store: Store,
  options: { maxAgeDays?: number; now?: Date } = {},
): Promise<DatabaseStatus> {
  return describeDatabaseStatus(await store.advisories.listSources(), options);
}
