import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  buildAssessment,
  buildEmptyAssessment,
  buildResult,
  HOSTILE_CONTROL,
  HOSTILE_EVIDENCE,
  HOSTILE_NAME,
} from '../../../test/support/build-assessment.js';
import type { Assessment } from '../../core/assessment.js';
import { countStatuses } from '../../core/result/check-result.js';
import { writeToString } from '../reporter.contract.js';
import { json } from './index.js';
import { ScanReport } from './schema.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const SCHEMA_FILE = resolve(ROOT, 'docs/schemas/scan-report-1.0.0.schema.json');

async function report(assessment: Assessment): Promise<ScanReport> {
  return ScanReport.parse(JSON.parse(await writeToString(json, assessment)));
}

describe('json reporter', () => {
  it('validates against the schema for every kind of assessment', async () => {
    for (const assessment of [
      buildAssessment().assessment,
      buildAssessment({ hasChanges: false }).assessment,
      buildAssessment({ isHostile: true }).assessment,
      buildEmptyAssessment(),
    ]) {
      expect(ScanReport.safeParse(JSON.parse(await writeToString(json, assessment))).success).toBe(true);
    }
  });

  it('writes exactly the contract fields, under their contract names', async () => {
    const { assessment } = buildAssessment();
    const doc = JSON.parse(await writeToString(json, assessment)) as Record<string, Record<string, unknown>>;
    expect(Object.keys(doc)).toEqual([
      'schemaVersion',
      'tool',
      'version',
      'assessmentId',
      'startedAt',
      'finishedAt',
      'host',
      'summary',
      'inventory',
      'changes',
      'notes',
      'results',
    ]);
    expect(Object.keys(doc.summary ?? {})).toEqual(['pass', 'fail', 'manual', 'notApplicable', 'error']);
    expect(Object.keys(doc.host ?? {})).toEqual([
      'id',
      'hostname',
      'operatingSystem',
      'kernelVersion',
      'platform',
      'engineEndpoint',
      'dockerVersion',
    ]);
    const results = doc.results as unknown as Record<string, unknown>[];
    const fromCis = results.find((r) => r.checkId === 'container-privileged');
    expect(Object.keys(fromCis ?? {})).toEqual([
      'checkId',
      'cisId',
      'title',
      'status',
      'severity',
      'subject',
      'evidence',
      'remediation',
    ]);
    expect(Object.keys((fromCis?.subject as object) ?? {})).toEqual(['kind', 'id', 'name']);
    const notFromCis = results.find((r) => r.checkId === 'daemon-network-settings');
    expect(notFromCis).toBeDefined();
    expect(notFromCis).not.toHaveProperty('cisId');
    const changes = doc.changes as unknown as { opened: Record<string, unknown>[] };
    expect(Object.keys(changes.opened[0] ?? {})).toEqual([
      'fingerprint',
      'checkId',
      'cisId',
      'title',
      'severity',
      'subject',
      'firstSeen',
    ]);
  });

  it('identifies the tool, the version and the assessment', async () => {
    const { assessment } = buildAssessment();
    const doc = await report({ ...assessment, tool: { name: 'coastguard', version: '9.8.7' } });
    expect(doc).toMatchObject({
      schemaVersion: '1.0.0',
      tool: 'coastguard',
      version: '9.8.7',
      assessmentId: assessment.id,
      startedAt: assessment.startedAt,
      finishedAt: assessment.finishedAt,
    });
    expect(doc.host).toEqual({
      id: assessment.snapshot.host.id,
      hostname: 'web-01',
      operatingSystem: assessment.snapshot.host.operatingSystem,
      kernelVersion: assessment.snapshot.host.kernelVersion,
      platform: 'self-hosted',
      engineEndpoint: 'unix:///var/run/docker.sock',
      dockerVersion: assessment.snapshot.daemon.serverVersion,
    });
  });

  it('carries the summary with notApplicable in camelCase, and the inventory counts', async () => {
    const { assessment } = buildAssessment();
    const doc = await report(assessment);
    const statuses = countStatuses(assessment.results);
    expect(doc.summary).toEqual({
      pass: statuses.pass,
      fail: statuses.fail,
      manual: statuses.manual,
      notApplicable: statuses['not-applicable'],
      error: statuses.error,
    });
    expect(doc.summary.notApplicable).toBeGreaterThan(0);
    expect(doc.inventory).toEqual({
      images: 2,
      containers: 4,
      networks: 1,
      containersByState: {
        created: 1,
        running: 2,
        paused: 0,
        restarting: 0,
        removing: 0,
        exited: 1,
        dead: 0,
      },
    });
  });

  it('reports every result once, most severe first, then by check id and CIS id', async () => {
    const { assessment } = buildAssessment();
    const doc = await report(assessment);
    expect(doc.results).toHaveLength(assessment.results.length);
    expect(doc.results.map((r) => `${r.severity} ${r.checkId} ${r.cisId ?? '-'} ${r.subject.name}`)).toEqual([
      'critical container-privileged 5.5 hardened',
      'critical container-privileged 5.5 priv',
      'critical container-runtime-socket-mounted 5.32 web',
      'critical daemon-tls 2.7 dockerd',
      'high container-host-network 5.10 web',
      'high daemon-access-restricted 1.1.2 web-01',
      'high runtime-version-supported 1.2.2 dockerd',
      'medium container-runs-as-root 4.1 web',
      'medium host-audit-logging 1.1.3 web-01',
      'medium image-runs-as-root 4.1 cgtest-busybox:1',
      'low resource-limits-cpu-pids 5.29 hardened',
      'low resource-limits-memory 5.11 db',
      'low resource-limits-memory 5.11 web',
      'info cis-docker-2.2 2.2 dockerd',
      'info daemon-network-settings - bridge',
    ]);
  });

  it('writes container names without the leading slash the engine uses', async () => {
    const { assessment, containers } = buildAssessment();
    const subject = { kind: 'container' as const, id: containers.web.id, name: '/web' };
    const withSlash = buildResult({
      checkId: 'container-privileged',
      status: 'pass',
      severity: 'critical',
      subject,
    });
    const results = [withSlash];
    const doc = await report({ ...assessment, results, summary: countStatuses(results) });
    expect(doc.results[0]?.subject).toEqual({ kind: 'container', id: containers.web.id, name: 'web' });
  });

  it('lists opened and fixed findings with their first-seen time, and how many stay open', async () => {
    const { assessment } = buildAssessment();
    const doc = await report(assessment);
    expect(doc.changes?.previousAssessmentId).toBe(assessment.changes?.previousAssessmentId);
    expect(doc.changes?.stillOpen).toBe(4);
    expect(doc.changes?.opened.map((f) => [f.checkId, f.subject.name, f.firstSeen])).toEqual([
      ['container-runtime-socket-mounted', 'web', assessment.startedAt],
    ]);
    expect(doc.changes?.fixed.map((f) => [f.checkId, f.cisId, f.firstSeen])).toEqual([
      ['container-host-ports', '5.8', '2026-11-21T08:00:00.000Z'],
    ]);
    expect(doc.changes?.fixed[0]?.fingerprint).toMatch(/^[0-9a-f]{32}$/);
  });

  it('leaves changes out when the assessment was not compared with an earlier one', async () => {
    const doc = await report(buildAssessment({ hasChanges: false }).assessment);
    expect(doc).not.toHaveProperty('changes');
  });

  it('carries collection notes', async () => {
    const doc = await report(buildAssessment().assessment);
    expect(doc.notes).toEqual([{ subject: 'container gone-1', message: 'removed during the scan; skipped' }]);
  });

  it('round-trips hostile values exactly, with control characters escaped by JSON', async () => {
    const { assessment } = buildAssessment({ isHostile: true });
    const output = await writeToString(json, assessment);
    expect(output).not.toContain('\u001b');
    const doc = ScanReport.parse(JSON.parse(output));
    expect(doc.results.map((r) => r.subject.name)).toContain(HOSTILE_NAME);
    expect(doc.results.map((r) => r.evidence)).toEqual(
      expect.arrayContaining([HOSTILE_EVIDENCE, HOSTILE_CONTROL]),
    );
  });

  it('writes an empty host as zero counts and no results', async () => {
    const doc = await report(buildEmptyAssessment());
    expect(doc.results).toEqual([]);
    expect(doc.summary).toEqual({ pass: 0, fail: 0, manual: 0, notApplicable: 0, error: 0 });
    expect(doc.inventory.containers).toBe(0);
  });
});

describe('schema', () => {
  it('rejects documents that break the contract', () => {
    const good = validDocument();
    expect(ScanReport.safeParse(good).success).toBe(true);
    const broken = [
      { ...good, schemaVersion: '2.0.0' },
      { ...good, summary: { ...good.summary, notApplicable: undefined, 'not-applicable': 0 } },
      { ...good, results: [{ ...good.results[0], status: 'passed' }] },
      { ...good, results: [{ ...good.results[0], subject: { kind: 'pod', id: 'x', name: 'x' } }] },
      { ...good, startedAt: 'yesterday' },
    ];
    for (const doc of broken) expect(ScanReport.safeParse(doc).success).toBe(false);
  });
});

function validDocument() {
  return {
    schemaVersion: '1.0.0',
    tool: 'coastguard',
    version: '0.1.0',
    assessmentId: 'a',
    startedAt: '2026-11-22T08:02:04.000Z',
    finishedAt: '2026-11-22T08:02:05.000Z',
    host: {
      id: 'h',
      hostname: 'h',
      operatingSystem: 'os',
      kernelVersion: 'k',
      platform: 'unknown',
      engineEndpoint: 'unix:///var/run/docker.sock',
      dockerVersion: '20.10',
    },
    summary: { pass: 1, fail: 0, manual: 0, notApplicable: 0, error: 0 },
    inventory: {
      images: 0,
      containers: 0,
      networks: 0,
      containersByState: {
        created: 0,
        running: 0,
        paused: 0,
        restarting: 0,
        removing: 0,
        exited: 0,
        dead: 0,
      },
    },
    notes: [],
    results: [
      {
        checkId: 'container-privileged',
        cisId: '5.5',
        title: 't',
        status: 'pass',
        severity: 'critical',
        subject: { kind: 'container', id: 'c', name: 'web' },
        evidence: 'HostConfig.Privileged=false',
        remediation: 'r',
      },
    ],
  };
}

/** The parts of a JSON Schema that decide what validates: types, names, required sets, enums and constants. */
interface Shape {
  type?: unknown;
  const?: unknown;
  enum?: unknown[];
  required?: string[];
  properties?: Record<string, Shape>;
  items?: Shape;
}

type SchemaNode = Record<string, unknown>;

function shapeOf(node: SchemaNode, root: SchemaNode): Shape {
  const ref = node.$ref;
  if (typeof ref === 'string') {
    const name = ref.replace(/^#\/\$defs\//, '');
    const target = (root.$defs as Record<string, SchemaNode> | undefined)?.[name];
    if (!target) throw new Error(`unresolved $ref ${ref}`);
    return shapeOf(target, root);
  }
  const shape: Shape = {};
  if (node.type !== undefined) shape.type = node.type;
  if (node.const !== undefined) shape.const = node.const;
  if (Array.isArray(node.enum)) shape.enum = [...node.enum].sort();
  if (Array.isArray(node.required)) shape.required = [...(node.required as string[])].sort();
  if (node.properties !== undefined) {
    shape.properties = Object.fromEntries(
      Object.entries(node.properties as Record<string, SchemaNode>).map(([k, v]) => [k, shapeOf(v, root)]),
    );
  }
  if (node.items !== undefined) shape.items = shapeOf(node.items as SchemaNode, root);
  return shape;
}

describe('published JSON Schema', () => {
  const text = readFileSync(SCHEMA_FILE, 'utf8');

  it('is JSON Schema draft 2020-12 for this version', () => {
    const schema = JSON.parse(text) as SchemaNode;
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toBe('urn:coastguard:schema:scan-report:1.0.0');
    expect((schema.properties as Record<string, SchemaNode>).schemaVersion?.const).toBe('1.0.0');
  });

  it('agrees with the zod schema on every field, type, required set and enum', () => {
    const published = JSON.parse(text) as SchemaNode;
    const fromZod = z.toJSONSchema(ScanReport, { io: 'input' }) as SchemaNode;
    expect(shapeOf(published, published)).toEqual(shapeOf(fromZod, fromZod));
  });

  it('lets consumers ignore fields added by later minor versions', () => {
    expect(text).not.toContain('"additionalProperties": false');
  });

  it('is documented field by field', () => {
    const doc = readFileSync(resolve(ROOT, 'docs/report-json.md'), 'utf8');
    const published = JSON.parse(text) as SchemaNode;
    const shape = shapeOf(published, published);
    const names = new Set<string>();
    const collect = (s: Shape) => {
      for (const [name, child] of Object.entries(s.properties ?? {})) {
        names.add(name);
        collect(child);
      }
      if (s.items) collect(s.items);
    };
    collect(shape);
    expect([...names].filter((name) => !doc.includes(`\`${name}\``))).toEqual([]);
  });
});
