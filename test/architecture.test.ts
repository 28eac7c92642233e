// Enforces the dependency rule of STYLE.md: data flows one way, core imports nothing, apps never import each other.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../src');

/** Which top-level folders of src/ each folder may import (besides itself). */
const ALLOWED: Record<string, readonly string[]> = {
  core: [],
  collect: ['core'],
  // The engine image source reads through the collector's engine client rather than a second one.
  image: ['core', 'collect'],
  vuln: ['core', 'image'],
  checks: ['core'],
  compliance: ['core', 'checks'],
  // Runtime sensors read the engine through the collector's client rather than a second one.
  runtime: ['core', 'collect', 'evidence'],
  // Signed evidence bundles (manifest, archive, verification), shared by runtime captures and compliance exports.
  evidence: ['core'],
  network: ['core'],
  report: ['core'],
  store: ['core'],
  audit: ['core'],
  // coastguard.yaml holds sections other folders define (exporters, runbooks), validated where it is read.
  config: ['core', 'audit', 'runtime'],
  pipeline: [
    'core',
    'config',
    'collect',
    'image',
    'vuln',
    'checks',
    'compliance',
    'runtime',
    'network',
    'report',
    'store',
    'audit',
    'evidence',
  ],
  cli: ['core', 'pipeline', 'store', 'audit', 'report', 'config'],
  server: ['core', 'pipeline', 'store', 'audit', 'report', 'config'],
  agent: ['core', 'pipeline', 'store', 'audit', 'report', 'config'],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === '__fixtures__' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

function isTestCode(path: string): boolean {
  return path.endsWith('.test.ts') || path.endsWith('.contract.ts');
}

function topFolder(path: string): string {
  return relative(SRC, path).split('/')[0] ?? '';
}

const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function relativeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(IMPORT)]
    .map((m) => m[1] ?? m[2] ?? '')
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => resolve(dirname(file), spec));
}

describe('architecture', () => {
  const files = sourceFiles(SRC);

  it('finds the source tree', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it('every top-level folder of src/ has a rule', () => {
    const folders = new Set(files.map(topFolder));
    expect([...folders].filter((f) => !(f in ALLOWED))).toEqual([]);
  });

  it('imports follow the dependency rule', () => {
    const violations: string[] = [];
    // Tests and conformance suites may wire folders together; the rule is about what ships.
    for (const file of files.filter((f) => !isTestCode(f))) {
      const from = topFolder(file);
      for (const target of relativeImports(file)) {
        if (!target.startsWith(SRC)) {
          // Shipped code reaches outside src/ only for package.json.
          if (!target.endsWith('package.json')) violations.push(`${relative(SRC, file)} → ${target}`);
          continue;
        }
        const to = topFolder(target);
        if (to !== from && !(ALLOWED[from] ?? []).includes(to)) {
          violations.push(`${relative(SRC, file)} → ${relative(SRC, target)}`);
        }
      }
    }
    expect(violations).toEqual([]);
  });

  it('core has no runtime dependencies outside node built-ins', () => {
    const external = files
      .filter((f) => topFolder(f) === 'core' && !isTestCode(f))
      .flatMap((f) =>
        [...readFileSync(f, 'utf8').matchAll(IMPORT)]
          .map((m) => m[1] ?? m[2] ?? '')
          .filter((spec) => !spec.startsWith('.') && !spec.startsWith('node:'))
          .map((spec) => `${relative(SRC, f)} → ${spec}`),
      );
    expect(external).toEqual([]);
  });
});
