import { describe, expect, it } from 'vitest';
import { listAllChecks, listChecks } from '../../checks/index.js';
import type { CheckMapping } from '../../core/compliance/framework.js';
import { CATALOGUE_IDS, loadFramework } from '../frameworks/index.js';
import { findMappingProblems, loadMapping } from './index.js';

const registryIds = new Set(
  listAllChecks().flatMap((c) => (c.containerCheckId ? [c.checkId, c.containerCheckId] : [c.checkId])),
);

describe('check mapping data', () => {
  const mapping = loadMapping();

  it('names only frameworks and controls that exist', () => {
    expect(findMappingProblems(mapping, CATALOGUE_IDS.map(loadFramework))).toEqual([]);
  });

  it('maps every check id the registry reports', () => {
    const mapped = new Set(mapping.map((m) => m.checkId));
    expect([...registryIds].filter((id) => !mapped.has(id))).toEqual([]);
  });

  it('marks a check implemented exactly when the registry runs it', () => {
    const wrong = mapping.filter((m) => m.isImplemented !== registryIds.has(m.checkId)).map((m) => m.checkId);
    expect(wrong).toEqual([]);
    expect(mapping.some((m) => !m.isImplemented)).toBe(true);
  });

  it('maps each CIS check to its own recommendation', () => {
    const byId = new Map(mapping.map((m) => [m.checkId, m]));
    const missing = listChecks()
      .filter((c) => c.cisId !== undefined)
      .filter((c) => !byId.get(c.checkId)?.controls['cis-docker-1.6.0']?.includes(c.cisId ?? ''))
      .map((c) => `${c.checkId} ${c.cisId}`);
    expect(missing).toEqual([]);
  });

  it('reports unknown frameworks, unknown controls and duplicate checks', () => {
    const base: CheckMapping = {
      checkId: 'container-privileged',
      title: 'x',
      automation: 'automated',
      isImplemented: true,
      controls: { 'pci-dss-4.0': ['2.2.1', '99.9'], 'iso-27001': ['A.1'] },
      responsibility: {
        'self-hosted': 'customer',
        ec2: 'customer',
        'ecs-ec2': 'customer',
        eks: 'customer',
        'ecs-fargate': 'customer',
        'eks-fargate': 'customer',
      },
    };
    const problems = findMappingProblems([base, base], CATALOGUE_IDS.map(loadFramework));
    expect(problems).toContain('check container-privileged names unknown pci-dss-4.0 control 99.9');
    expect(problems).toContain('check container-privileged names unknown framework iso-27001');
    expect(problems).toContain('check container-privileged is listed twice');
  });
});
