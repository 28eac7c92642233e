// The compliance report: a stored assessment, the configuration (platform, waivers) and a framework's data,
// evaluated into a status per control. Shared by `coastguard report` and, later, the server.

import { createHash } from 'node:crypto';
import { localActor } from '../audit/index.js';
import {
  CATALOGUE_IDS,
  COMPLIANCE_FORMATS,
  type ComplianceFormat,
  type CompliancePlatform,
  complianceFormats,
  evaluateFramework,
  FRAMEWORK_IDS,
  type FrameworkId,
  indexSubjects,
  isFrameworkId,
  loadFramework,
  loadMapping,
  toCompliancePlatform,
} from '../compliance/index.js';
import { type LoadedConfig, loadConfig } from '../config/index.js';
import type { Assessment } from '../core/assessment.js';
import { canonicalize } from '../core/audit/audit-entry.js';
import type { Attestation } from '../core/compliance/attestation.js';
import {
  type ComplianceReport,
  type ControlEvaluation,
  countControlStatuses,
  diffControlStatuses,
  type ReportScope,
  type TrendPoint,
} from '../core/compliance/control-status.js';
import type { Framework } from '../core/compliance/framework.js';
import { CoastguardError } from '../core/errors.js';
import { renderComplianceHtml } from '../report/compliance/render.js';
import { openStore, type Store } from '../store/index.js';
import { recordConfigChange, recordWaiverUse } from './governance-events.js';
import { TOOL } from './tool-version.js';

export interface ComplianceReportOptions {
  home: string;
  /** --framework; else the first of `frameworks` in coastguard.yaml. */
  framework?: string;
  /** Default: the newest stored assessment. */
  assessmentId?: string;
  /** --config; else ./coastguard.yaml, else $COASTGUARD_HOME/coastguard.yaml. */
  configFile?: string;
  cwd: string;
  /** The time waiver expiry is judged against; default now. */
  now?: Date;
  /** Also say which controls changed since this assessment. */
  since?: SinceRef;
}

/** `--since`: an assessment id, or a time meaning the newest earlier assessment of the same host. */
export type SinceRef = { kind: 'assessment'; id: string } | { kind: 'time'; at: string };

/** Every `--format` of `coastguard report`: the data formats, and the two made for people. */
export const REPORT_FORMATS = [...COMPLIANCE_FORMATS, 'html', 'pdf'] as const;
export type ReportFormat = ComplianceFormat | 'html' | 'pdf';

/** The report in one format: text, or the PDF's bytes (printed by headless Chromium). */
export async function renderComplianceReport(
  report: ComplianceReport,
  format: ReportFormat,
): Promise<string | Buffer> {
  if (format === 'html') return renderComplianceHtml(report);
  if (format === 'pdf') {
    const { printPdf } = await import('../report/pdf/print-pdf.js');
    return printPdf(renderComplianceHtml(report, { isExpanded: true }), {
      footer: `${report.framework.name} ${report.framework.version} · ${report.assessment.hostname} · assessment ${report.assessment.id}`,
    });
  }
  return complianceFormats[format](report);
}

/** Fails fast, before the store is opened, on a framework id we do not know. */
export function assertFrameworkId(id: string): FrameworkId {
  if (isFrameworkId(id)) return id;
  throw new CoastguardError(
    'BAD_USAGE',
    `Unknown framework "${id}". Valid ids: ${FRAMEWORK_IDS.join(', ')}.`,
  );
}

export async function buildComplianceReport(options: ComplianceReportOptions): Promise<ComplianceReport> {
  if (options.framework !== undefined) assertFrameworkId(options.framework);
  const loaded = await loadConfig({ explicit: options.configFile, cwd: options.cwd, home: options.home });
  assertWaiversNameRealThings(loaded);
  const frameworkId = chooseFramework(options.framework, loaded);
  const store = await openStore({ home: options.home });
  try {
    const assessment = await readAssessment(store, options.home, options.assessmentId);
    const context: EvaluationContext = {
      framework: loadFramework(frameworkId),
      loaded,
      attestations: await store.attestations.list(),
      now: (options.now ?? new Date()).toISOString(),
    };
    const report = evaluate(context, assessment);
    report.trend = [...(await readEarlierPoints(store, context, assessment)), ...report.trend];
    if (options.since !== undefined) {
      const since = await readSinceAssessment(store, options.home, assessment, options.since);
      report.changes = {
        since: { id: since.id, startedAt: since.startedAt },
        controls: diffControlStatuses(evaluateControls(context, since), report.controls),
      };
    }
    // The report's inputs are part of the record: which configuration it read, which waivers it relied on.
    const actor = localActor();
    await recordConfigChange(store, loaded, { home: options.home, actor });
    await recordWaiverUse(store, report, { home: options.home, actor });
    return report;
  } finally {
    await store.close();
  }
}

/** What every evaluation of one report shares: past assessments are judged under today's configuration. */
interface EvaluationContext {
  framework: Framework;
  loaded: LoadedConfig;
  attestations: readonly Attestation[];
  /** The report's time: waiver and attestation expiry are judged against it. */
  now: string;
}

function evaluateControls(context: EvaluationContext, assessment: Assessment): ControlEvaluation[] {
  return evaluateFramework({
    framework: context.framework,
    mapping: loadMapping(),
    results: assessment.results,
    subjects: indexSubjects(assessment.snapshot),
    platform: platformOf(context, assessment),
    waivers: context.loaded.config.waivers,
    attestations: context.attestations,
    now: context.now,
  });
}

function platformOf(context: EvaluationContext, assessment: Assessment): CompliancePlatform {
  return context.loaded.config.platform ?? toCompliancePlatform(assessment.snapshot.host.platform);
}

function evaluate(context: EvaluationContext, assessment: Assessment): ComplianceReport {
  const { framework } = context;
  const controls = evaluateControls(context, assessment);
  const summary = countControlStatuses(controls);
  const report: ComplianceReport = {
    tool: { ...TOOL },
    framework: { id: framework.id, name: framework.name, version: framework.version },
    assessment: {
      id: assessment.id,
      startedAt: assessment.startedAt,
      finishedAt: assessment.finishedAt,
      hostname: assessment.snapshot.host.hostname,
      sha256: assessmentSha256(assessment),
    },
    scope: scopeOf(assessment),
    trend: [{ assessmentId: assessment.id, startedAt: assessment.startedAt, summary }],
    platform: platformOf(context, assessment),
    generatedAt: context.now,
    controls,
    summary,
  };
  if (framework.crosswalk) report.framework.crosswalk = framework.crosswalk;
  return report;
}

/**
 * The evidence hash: SHA-256 of the canonical JSON of {snapshot, results} as stored (after a JSON round trip, so
 * absent and undefined agree), which anyone can recompute from an evidence bundle's assessment.json.
 */
export function assessmentSha256(assessment: Pick<Assessment, 'snapshot' | 'results'>): string {
  const plain: unknown = JSON.parse(
    JSON.stringify({ snapshot: assessment.snapshot, results: assessment.results }),
  );
  return createHash('sha256').update(canonicalize(plain)).digest('hex');
}

function scopeOf(assessment: Assessment): ReportScope {
  const { snapshot } = assessment;
  const images = new Set(snapshot.containers.map((c) => (c.image === '' ? c.imageId : c.image)));
  return {
    hosts: [snapshot.host.hostname],
    containers: snapshot.containers.length,
    images: [...images].sort(),
    window: { from: assessment.startedAt, to: assessment.finishedAt },
  };
}

/** Points shown in the trend: a year of monthly scans, or the last dozen of more frequent ones. */
const TREND_POINTS = 12;
/** How far back the store is searched for assessments of the same host. */
const HISTORY_SEARCHED = 500;

/** Earlier assessments of the same host, oldest first, each evaluated as the current one is. */
async function readEarlierPoints(
  store: Store,
  context: EvaluationContext,
  current: Assessment,
): Promise<TrendPoint[]> {
  const hostId = current.snapshot.host.id;
  const earlier = (await store.listAssessments({ limit: HISTORY_SEARCHED }))
    .filter((a) => a.hostId === hostId && a.id !== current.id && a.startedAt <= current.startedAt)
    .sort((x, y) => x.startedAt.localeCompare(y.startedAt))
    .slice(-(TREND_POINTS - 1));
  const points: TrendPoint[] = [];
  for (const summary of earlier) {
    const past = await store.getAssessment(summary.id);
    if (past === undefined) continue;
    points.push({
      assessmentId: past.id,
      startedAt: past.startedAt,
      summary: countControlStatuses(evaluateControls(context, past)),
    });
  }
  return points;
}

/**
 * `--since`: an assessment id, or a time (ISO or a duration back from now) meaning the newest assessment of the
 * same host started at or before it.
 */
async function readSinceAssessment(
  store: Store,
  home: string,
  current: Assessment,
  since: SinceRef,
): Promise<Assessment> {
  if (since.kind === 'assessment') {
    const found = await store.getAssessment(since.id);
    if (found === undefined) {
      throw new CoastguardError(
        'BAD_INPUT',
        `--since: no assessment ${since.id} in ${home}: coastguard history lists them.`,
      );
    }
    return found;
  }
  const match = (await store.listAssessments({ limit: HISTORY_SEARCHED }))
    .filter((a) => a.hostId === current.snapshot.host.id && a.id !== current.id && a.startedAt <= since.at)
    .sort((x, y) => y.startedAt.localeCompare(x.startedAt))[0];
  const found = match === undefined ? undefined : await store.getAssessment(match.id);
  if (found === undefined) {
    throw new CoastguardError(
      'BAD_INPUT',
      `--since: no earlier assessment of ${current.snapshot.host.hostname} started at or before ${since.at}.`,
    );
  }
  return found;
}

async function readAssessment(store: Store, home: string, id: string | undefined): Promise<Assessment> {
  const assessment = id === undefined ? await store.latestAssessment() : await store.getAssessment(id);
  if (assessment) return assessment;
  throw id === undefined
    ? new CoastguardError('BAD_INPUT', `No assessment is stored in ${home}: run coastguard scan first.`)
    : new CoastguardError('BAD_INPUT', `No assessment ${id} in ${home}: coastguard history lists them.`);
}

/** --framework, else the first framework coastguard.yaml lists (each of them checked, with its place). */
function chooseFramework(explicit: string | undefined, loaded: LoadedConfig): FrameworkId {
  loaded.config.frameworks.forEach((id, index) => {
    if (isFrameworkId(id)) return;
    const where = loaded.locate(['frameworks', index]);
    const position = where
      ? `${where.file}:${where.line}:${where.column}`
      : (loaded.file ?? 'coastguard.yaml');
    throw new CoastguardError(
      'BAD_INPUT',
      `${position}: frameworks.${index}: unknown framework "${id}" (valid: ${FRAMEWORK_IDS.join(', ')}).`,
    );
  });
  const chosen = explicit ?? loaded.config.frameworks[0];
  if (chosen === undefined) {
    throw new CoastguardError(
      'BAD_USAGE',
      `Which framework? Give --framework (${FRAMEWORK_IDS.join(', ')}) or list frameworks in coastguard.yaml.`,
    );
  }
  return assertFrameworkId(chosen);
}

/** A waiver naming a check or control that does not exist would silently never apply: refuse it, with its place. */
function assertWaiversNameRealThings(loaded: LoadedConfig): void {
  const checkIds = new Set(loadMapping().map((m) => m.checkId));
  loaded.config.waivers.forEach((waiver, index) => {
    let problem: string | undefined;
    let key = 'check';
    if (waiver.check !== undefined && !checkIds.has(waiver.check)) {
      problem = `unknown check "${waiver.check}"`;
    } else if (waiver.control !== undefined) {
      key = 'control';
      const { framework, id } = waiver.control;
      if (!isFrameworkId(framework)) {
        problem = `unknown framework "${framework}" (valid: ${CATALOGUE_IDS.join(', ')}, fedramp-low/moderate/high)`;
      } else if (!loadFramework(framework).controls.some((c) => c.id === id)) {
        problem = `${framework} has no control "${id}"`;
      }
    }
    if (problem === undefined) return;
    const where = loaded.locate(['waivers', index, key]);
    const position = where
      ? `${where.file}:${where.line}:${where.column}`
      : (loaded.file ?? 'coastguard.yaml');
    throw new CoastguardError('BAD_INPUT', `${position}: waivers.${index}.${key}: ${problem}.`);
  });
}
