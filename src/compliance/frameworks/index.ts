// The framework registry: every framework Coastguard can report on, loaded from the JSON files of this folder.
import type { Control, Framework } from '../../core/compliance/framework.js';
import { CoastguardError } from '../../core/errors.js';
import { loadJson } from '../load-json.js';
import { FrameworkCatalogue, type FrameworkControl, FrameworkView } from './schema.js';

/** Catalogues with their own data file. */
export const CATALOGUE_IDS = [
  'pci-dss-4.0',
  'hipaa-security-rule',
  'nist-800-190',
  'nist-800-53-r5',
  'hitrust-csf',
  'cis-docker-1.6.0',
  'kubernetes-pss',
] as const;
export type CatalogueId = (typeof CATALOGUE_IDS)[number];

/** Views: a baseline's subset of a catalogue. */
export const VIEW_IDS = ['fedramp-low', 'fedramp-moderate', 'fedramp-high'] as const;

export const FRAMEWORK_IDS = [...CATALOGUE_IDS, ...VIEW_IDS] as const;
export type FrameworkId = (typeof FRAMEWORK_IDS)[number];

export function isFrameworkId(value: string): value is FrameworkId {
  return (FRAMEWORK_IDS as readonly string[]).includes(value);
}

const cache = new Map<string, Framework>();

/** The framework with this id, validated; throws INTERNAL if the shipped data is broken. */
export function loadFramework(id: FrameworkId): Framework {
  const cached = cache.get(id);
  if (cached) return cached;
  const framework = (CATALOGUE_IDS as readonly string[]).includes(id) ? readCatalogue(id) : readView(id);
  cache.set(id, framework);
  return framework;
}

export function loadFrameworks(): Framework[] {
  return FRAMEWORK_IDS.map(loadFramework);
}

function fileOf(id: string): URL {
  return new URL(`./${id}.json`, import.meta.url);
}

function readCatalogue(id: string): Framework {
  const data = loadJson(fileOf(id), FrameworkCatalogue);
  assertIdentity(id, data.id, data.controls);
  const framework: Framework = {
    id: data.id,
    name: data.name,
    version: data.version,
    publisher: data.publisher,
    scope: data.scope,
    notes: data.notes,
    mappingId: data.id,
    controls: data.controls.map(toControl),
  };
  if (data.crosswalk) framework.crosswalk = data.crosswalk;
  if (data.resultsCarryControlId) framework.resultsCarryControlId = data.resultsCarryControlId;
  return framework;
}

function readView(id: string): Framework {
  const view = loadJson(fileOf(id), FrameworkView);
  if (view.id !== id)
    throw new CoastguardError('INTERNAL', `framework file ${id}.json declares id "${view.id}"`);
  const base = loadJson(fileOf(view.viewOf), FrameworkCatalogue);
  const controls = base.controls.filter((c) => c.fedramp?.includes(view.fedrampBaseline));
  if (controls.length === 0)
    throw new CoastguardError('INTERNAL', `framework view ${id} selects no control of ${view.viewOf}`);
  return {
    id: view.id,
    name: view.name,
    version: base.version,
    publisher: base.publisher,
    scope: view.scope,
    notes: base.notes,
    mappingId: base.id,
    controls: controls.map(toControl),
  };
}

function assertIdentity(file: string, id: string, controls: readonly FrameworkControl[]): void {
  if (id !== file) throw new CoastguardError('INTERNAL', `framework file ${file}.json declares id "${id}"`);
  const seen = new Set<string>();
  for (const control of controls) {
    if (seen.has(control.id))
      throw new CoastguardError('INTERNAL', `framework ${id}: duplicate control id "${control.id}"`);
    seen.add(control.id);
  }
}

function toControl(data: FrameworkControl): Control {
  const control: Control = {
    id: data.id,
    title: data.title,
    group: data.group,
    description: data.description,
  };
  if (data.oscalId !== undefined) control.oscalId = data.oscalId;
  return control;
}
