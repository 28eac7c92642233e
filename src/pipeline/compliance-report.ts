// The compliance report: a stored assessment, the configuration (platform, waivers) and a framework's data,
// evaluated into a status per control. Shared by `coastguard report` and, later, the server.

import { localActor } from '../audit/index.js';
import {
  CATALOGUE_IDS,
  type ComplianceFormat,
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
import type { Attestation } from '../core/compliance/attestation.js';
import { type ComplianceReport, countControlStatuses } from '../core/compliance/control-status.js';
import { CoastguardError } from '../core/errors.js';
import { openStore, type Store } from '../store/index.js';
import { recordConfigChange, recordWaiverUse } from './governance-events.js';

export interface ComplianceReportOptions {
  home: string;
  framework: string;
  /** Default: the newest stored assessment. */
  assessmentId?: string;
  /** --config; else ./coastguard.yaml, else $COASTGUARD_HOME/coastguard.yaml. */
  configFile?: string;
  cwd: string;
  /** The time waiver expiry is judged against; default now. */
  now?: Date;
}

export { COMPLIANCE_FORMATS, type ComplianceFormat } from '../compliance/index.js';

export function renderComplianceReport(report: ComplianceReport, format: ComplianceFormat): string {
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
  const frameworkId = assertFrameworkId(options.framework);
  const loaded = await loadConfig({ explicit: options.configFile, cwd: options.cwd, home: options.home });
  assertWaiversNameRealThings(loaded);
  const store = await openStore({ home: options.home });
  try {
    const report = evaluate(
      frameworkId,
      loaded,
      await readAssessment(store, options.home, options.assessmentId),
      await store.attestations.list(),
      options.now,
    );
    // The report's inputs are part of the record: which configuration it read, which waivers it relied on.
    const actor = localActor();
    await recordConfigChange(store, loaded, { home: options.home, actor });
    await recordWaiverUse(store, report, { home: options.home, actor });
    return report;
  } finally {
    await store.close();
  }
}

function evaluate(
  frameworkId: FrameworkId,
  loaded: LoadedConfig,
  assessment: Assessment,
  attestations: readonly Attestation[],
  at: Date | undefined,
): ComplianceReport {
  const framework = loadFramework(frameworkId);
  const platform = loaded.config.platform ?? toCompliancePlatform(assessment.snapshot.host.platform);
  const now = (at ?? new Date()).toISOString();
  const controls = evaluateFramework({
    framework,
    mapping: loadMapping(),
    results: assessment.results,
    subjects: indexSubjects(assessment.snapshot),
    platform,
    waivers: loaded.config.waivers,
    attestations,
    now,
  });
  const report: ComplianceReport = {
    framework: { id: framework.id, name: framework.name, version: framework.version },
    assessment: {
      id: assessment.id,
      startedAt: assessment.startedAt,
      hostname: assessment.snapshot.host.hostname,
    },
    platform,
    generatedAt: now,
    controls,
    summary: countControlStatuses(controls),
  };
  if (framework.crosswalk) report.framework.crosswalk = framework.crosswalk;
  return report;
}

async function readAssessment(store: Store, home: string, id: string | undefined): Promise<Assessment> {
  const assessment = id === undefined ? await store.latestAssessment() : await store.getAssessment(id);
  if (assessment) return assessment;
  throw id === undefined
    ? new CoastguardError('BAD_INPUT', `No assessment is stored in ${home}: run coastguard scan first.`)
    : new CoastguardError('BAD_INPUT', `No assessment ${id} in ${home}: coastguard history lists them.`);
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
