// What vulnerability code needs from wherever advisories are kept: the store's advisory repository satisfies
// these, and memory-source.ts does for tests. vuln never imports the store; the pipeline hands one in.
import type { Ecosystem } from '../../core/package/ecosystem.js';
import type {
  Advisory,
  AdvisorySourceInfo,
  AdvisorySourceStatus,
  IndexedAdvisory,
} from '../../core/result/vulnerability.js';

export interface AdvisorySource {
  /** Advisories with an affected entry keyed by `ecosystem` and one of `names` (normalised), each id once. */
  findByPackage(ecosystem: Ecosystem, names: readonly string[]): Promise<Advisory[]>;
}

export interface AdvisoryStoreWriter {
  /**
   * Replaces everything imported from `source.id` with `records`, in one transaction: if iterating `records`
   * throws, nothing changes. Resolves to the number of records stored.
   */
  replaceSource(
    source: AdvisorySourceInfo,
    records: AsyncIterable<IndexedAdvisory>,
    importedAt: string,
  ): Promise<number>;
  listSources(): Promise<AdvisorySourceStatus[]>;
}
