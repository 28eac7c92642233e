import { describe, expect, it } from 'vitest';
import { listChecks } from '../../checks/index.js';
import { CATALOGUE_IDS, FRAMEWORK_IDS, loadFramework } from './index.js';

describe('framework data', () => {
  it.each(FRAMEWORK_IDS)('%s loads, with its own id and unique control ids', (id) => {
    const framework = loadFramework(id);
    expect(framework.id).toBe(id);
    const ids = framework.controls.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const control of framework.controls) {
      expect(control.title.trim()).not.toBe('');
      expect(control.description.trim()).not.toBe('');
    }
  });

  it('FedRAMP views are nested subsets of NIST SP 800-53 rev. 5 and evaluate through its mapping', () => {
    const nist = new Set(loadFramework('nist-800-53-r5').controls.map((c) => c.id));
    const [low, moderate, high] = (['fedramp-low', 'fedramp-moderate', 'fedramp-high'] as const).map((id) =>
      loadFramework(id),
    );
    for (const view of [low, moderate, high]) {
      expect(view?.mappingId).toBe('nist-800-53-r5');
      for (const c of view?.controls ?? []) expect(nist.has(c.id)).toBe(true);
    }
    const ids = (f: typeof low) => new Set(f?.controls.map((c) => c.id));
    expect([...ids(low)].every((c) => ids(moderate).has(c))).toBe(true);
    expect([...ids(moderate)].every((c) => ids(high).has(c))).toBe(true);
    expect(ids(low).size).toBeLessThan(ids(high).size);
    // Facts from the FedRAMP Rev. 5 profiles: AC-2 is in every baseline, AC-6 from Moderate, AU-9(2) only in High.
    expect(ids(low).has('AC-2')).toBe(true);
    expect(ids(low).has('AC-6')).toBe(false);
    expect(ids(moderate).has('AC-6')).toBe(true);
    expect(ids(moderate).has('AU-9(2)')).toBe(false);
    expect(ids(high).has('AU-9(2)')).toBe(true);
  });

  it('HITRUST says that it is evaluated through a NIST SP 800-53 crosswalk', () => {
    const hitrust = loadFramework('hitrust-csf');
    expect(hitrust.crosswalk?.framework).toBe('nist-800-53-r5');
    expect(hitrust.crosswalk?.note).toMatch(/crosswalk/);
  });

  it('CIS Docker controls are the 117 recommendations, and every check of the registry names one of them', () => {
    const cis = loadFramework('cis-docker-1.6.0');
    expect(cis.controls).toHaveLength(117);
    expect(cis.resultsCarryControlId).toBe('cisId');
    const ids = new Set(cis.controls.map((c) => c.id));
    for (const check of listChecks()) if (check.cisId) expect(ids.has(check.cisId)).toBe(true);
  });

  it('lists seven catalogues and three views', () => {
    expect(CATALOGUE_IDS).toHaveLength(7);
    expect(FRAMEWORK_IDS).toHaveLength(10);
  });
});
