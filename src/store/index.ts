// The store's public face: open the embedded database in the Coastguard home; the Store seam and its types.

import { openSqliteStore } from './sqlite.js';
import type { Store } from './store.js';

export { DATABASE_FILE } from './sqlite.js';
export type { AssessmentSummary, FindingQuery, Store } from './store.js';

/**
 * Opens (creating if needed, mode 0700) the home directory and its `coastguard.db`, bringing the schema up to
 * date. Refuses, leaving the file untouched, a damaged or foreign database (STORE_CORRUPT) and one written by a
 * newer Coastguard (STORE_NEWER_SCHEMA); an unusable home is STORE_ERROR naming the path.
 */
export function openStore(options: { home: string }): Promise<Store> {
  return openSqliteStore(options);
}
