// Advisories kept in memory, with the store's replace-a-source-whole semantics: for tests and one-off matching.
import type { Ecosystem } from '../../core/package/ecosystem.js';
import type {
  Advisory,
  AdvisorySourceInfo,
  AdvisorySourceStatus,
  IndexedAdvisory,
} from '../../core/result/vulnerability.js';
import type { AdvisorySource, AdvisoryStoreWriter } from './advisory-source.js';

interface HeldSource {
  readonly status: AdvisorySourceStatus;
  readonly records: readonly IndexedAdvisory[];
}

export function createMemoryAdvisorySource(): AdvisorySource & AdvisoryStoreWriter {
  const sources = new Map<string, HeldSource>();
  return {
    async replaceSource(
      source: AdvisorySourceInfo,
      records: AsyncIterable<IndexedAdvisory>,
      importedAt: string,
    ) {
      const held = new Map<string, IndexedAdvisory>();
      for await (const record of records) {
        if (!held.has(record.advisory.id)) held.set(record.advisory.id, record);
      }
      const newest = [...held.values()]
        .map((r) => r.advisory.modified)
        .sort()
        .at(-1);
      sources.set(source.id, {
        status: {
          ...source,
          recordCount: held.size,
          importedAt,
          ...(newest ? { newestModified: newest } : {}),
        },
        records: [...held.values()],
      });
      return held.size;
    },
    async listSources() {
      return [...sources.values()].map((s) => s.status).sort((a, b) => (a.id < b.id ? -1 : 1));
    },
    async findByPackage(ecosystem: Ecosystem, names: readonly string[]) {
      const byId = new Map<string, Advisory>();
      for (const { records } of sources.values()) {
        for (const { advisory, keys } of records) {
          if (!keys.some((k) => k.ecosystem === ecosystem && names.includes(k.name))) continue;
          const known = byId.get(advisory.id);
          if (known === undefined || advisory.modified > known.modified) byId.set(advisory.id, advisory);
        }
      }
      return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
    },
  };
}
