// The check-to-control mapping, loaded from checks.json and cross-checked against the framework catalogues.
import type { CheckMapping, Framework } from '../../core/compliance/framework.js';
import { CoastguardError } from '../../core/errors.js';
import { CATALOGUE_IDS, loadFramework } from '../frameworks/index.js';
import { loadJson } from '../load-json.js';
import { MappingFile } from './schema.js';

let cached: CheckMapping[] | undefined;

/** Every mapped check; throws INTERNAL when the file is malformed or names an unknown framework or control. */
export function loadMapping(): CheckMapping[] {
  if (cached) return cached;
  const file = loadJson(new URL('./checks.json', import.meta.url), MappingFile);
  const mapping = file.checks.map(
    (entry): CheckMapping => ({
      checkId: entry.id,
      title: entry.title,
      automation: entry.automation,
      isImplemented: entry.isImplemented,
      controls: entry.controls,
      responsibility: entry.responsibility,
    }),
  );
  const problems = findMappingProblems(mapping, CATALOGUE_IDS.map(loadFramework));
  if (problems.length > 0) {
    throw new CoastguardError('INTERNAL', `The check mapping is inconsistent: ${problems.join('; ')}`);
  }
  cached = mapping;
  return mapping;
}

/** Duplicate check ids, unknown framework keys and control ids that the framework does not define. */
export function findMappingProblems(
  mapping: readonly CheckMapping[],
  catalogues: readonly Framework[],
): string[] {
  const controlsOf = new Map(catalogues.map((f) => [f.id, new Set(f.controls.map((c) => c.id))]));
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const entry of mapping) {
    if (seen.has(entry.checkId)) problems.push(`check ${entry.checkId} is listed twice`);
    seen.add(entry.checkId);
    for (const [frameworkId, controlIds] of Object.entries(entry.controls)) {
      const known = controlsOf.get(frameworkId);
      if (!known) {
        problems.push(`check ${entry.checkId} names unknown framework ${frameworkId}`);
        continue;
      }
      for (const id of controlIds.filter((c) => !known.has(c))) {
        problems.push(`check ${entry.checkId} names unknown ${frameworkId} control ${id}`);
      }
    }
  }
  return problems;
}
