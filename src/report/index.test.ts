import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildAssessment,
  buildEmptyAssessment,
  HOSTILE_CONTROL,
} from '../../test/support/build-assessment.js';
import { type ReportFormat, reporters } from './index.js';
import { ScanReport } from './json/schema.js';
import {
  ANSI_ESCAPE,
  describeReporterContract,
  type ReporterContractOptions,
  writeToString,
} from './reporter.contract.js';

/** What makes a document valid, per format; a new format cannot join the registry without one. */
const VALIDATORS: Record<ReportFormat, (output: string) => void> = {
  table: (output) => {
    for (const line of output.split('\n'))
      expect([...line.replace(ANSI_ESCAPE, '')].length).toBeLessThanOrEqual(100);
  },
  json: (output) => {
    ScanReport.parse(JSON.parse(output));
  },
  html: (output) => {
    expect(output.startsWith('<!doctype html>')).toBe(true);
    expect(output.trimEnd().endsWith('</html>')).toBe(true);
    expect(output).not.toMatch(/<script/i);
  },
};

describe('reporter registry', () => {
  it('has one folder per format, named as its key', () => {
    const here = import.meta.dirname;
    // image/ holds the image scan's own formats (its index is their registry), compliance/ the compliance report's
    // page and pdf/ the printer: none is an assessment format.
    const notFormats = new Set(['image', 'compliance', 'pdf']);
    const folders = readdirSync(here).filter(
      (name) => !notFormats.has(name) && statSync(join(here, name)).isDirectory(),
    );
    expect(folders.sort()).toEqual(Object.keys(reporters).sort());
  });

  it.each(Object.entries(reporters))('%s reports its key as its format', (key, reporter) => {
    expect(reporter.format).toBe(key);
  });

  it.each(Object.entries(reporters))(
    '%s writes something for an assessment with zero results',
    async (_, reporter) => {
      const output = await writeToString(reporter, buildEmptyAssessment());
      expect(output.trim()).not.toBe('');
    },
  );
});

const CASES: ReporterContractOptions['cases'] = [
  { name: 'a host with results of every status', make: () => buildAssessment().assessment },
  {
    name: 'a host not compared with an earlier scan',
    make: () => buildAssessment({ hasChanges: false }).assessment,
  },
  { name: 'an empty host with zero results', make: buildEmptyAssessment },
  { name: 'hostile names and evidence', make: () => buildAssessment({ isHostile: true }).assessment },
];

const formats = Object.keys(reporters) as ReportFormat[];
for (const format of formats) {
  describeReporterContract(reporters[format], {
    validate: VALIDATORS[format],
    cases: CASES,
    plantedControl: HOSTILE_CONTROL,
  });
}
