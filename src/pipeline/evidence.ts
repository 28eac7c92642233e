// `coastguard evidence export|verify`. Export: one assessment's compliance evidence as a signed archive an auditor
// can check anywhere: the raw snapshot and results, each framework's report (JSON, OSCAL, HTML and optionally PDF),
// the attestations, and a manifest of SHA-256 hashes signed with the home's Ed25519 key (the audit key). Written
// whole or not at all; the export is itself recorded in the audit trail. Verify: a bundle archive or directory
// (runtime captures too), naming every file that was altered, added or removed.
import { createHash } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import {
  appendAudit,
  loadHomePublicKey,
  loadOrCreateSigner,
  localActor,
  readPublicKeyFile,
} from '../audit/index.js';
import { loadConfig } from '../config/index.js';
import { CoastguardError } from '../core/errors.js';
import { verifyBundleArchive, writeBundleArchive } from '../evidence/archive.js';
import {
  type BundleVerdict,
  buildManifest,
  MANIFEST_FILE,
  verifyEvidenceBundle,
} from '../evidence/manifest.js';
import { openStore } from '../store/index.js';
import { assessmentSha256, buildComplianceReport, renderComplianceReport } from './compliance-report.js';
import { TOOL } from './tool-version.js';

export interface EvidenceExportOptions {
  home: string;
  cwd: string;
  /** Default: every framework listed in coastguard.yaml. */
  frameworks: readonly string[];
  /** Default: the newest stored assessment. */
  assessmentId?: string;
  configFile?: string;
  /** Default: $COASTGUARD_HOME/evidence/<bundle>.tar.gz. */
  output?: string;
  /** Also print each report to PDF (needs Chromium). */
  isPdfWanted?: boolean;
  now?: Date;
  /** Called once per file written, for progress. */
  onFile?: (path: string) => void;
}

export interface EvidenceExport {
  archive: string;
  files: number;
  /** SHA-256 of manifest.json, as recorded in the audit trail. */
  manifestSha256: string;
}

const README = `Coastguard compliance evidence bundle

assessment.json        the assessment: host snapshot and every raw check result, as stored
reports/<id>.json      the compliance report per framework (status per control, checks, waivers, attestations)
reports/<id>.oscal.json  the same as OSCAL 1.0.6 assessment results
reports/<id>.html      the same for people (and <id>.pdf when exported with --pdf)
attestations.json      every attestation recorded (who, when, statement, evidence file hashes)
manifest.json          size and SHA-256 of every file, signed with Ed25519 (the Coastguard audit key)

Verify: coastguard evidence verify THIS.tar.gz --public-key KEY.pem
(KEY.pem is the output of \`coastguard audit key\` on the host that exported the bundle.)
The reports' assessment.sha256 is the SHA-256 of the RFC 8785 canonical JSON of {snapshot, results} in
assessment.json.
`;

async function frameworksToExport(options: EvidenceExportOptions): Promise<string[]> {
  if (options.frameworks.length > 0) return [...new Set(options.frameworks)];
  const loaded = await loadConfig({ explicit: options.configFile, cwd: options.cwd, home: options.home });
  if (loaded.config.frameworks.length === 0) {
    throw new CoastguardError(
      'BAD_USAGE',
      'Which frameworks? Give --framework (repeatable) or list frameworks in coastguard.yaml.',
    );
  }
  return [...new Set(loaded.config.frameworks)];
}

export async function exportEvidence(options: EvidenceExportOptions): Promise<EvidenceExport> {
  const frameworks = await frameworksToExport(options);
  const now = options.now ?? new Date();
  const store = await openStore({ home: options.home });
  let work: string | undefined;
  try {
    const assessment =
      options.assessmentId === undefined
        ? await store.latestAssessment()
        : await store.getAssessment(options.assessmentId);
    if (assessment === undefined) {
      throw new CoastguardError(
        'BAD_INPUT',
        options.assessmentId === undefined
          ? `No assessment is stored in ${options.home}: run coastguard scan first.`
          : `No assessment ${options.assessmentId} in ${options.home}: coastguard history lists them.`,
      );
    }
    const name = `compliance-${now.toISOString().replace(/[-:]/g, '').replace(/\..*/, '')}-${assessment.id.slice(0, 8)}`;
    const archive = resolve(options.cwd, options.output ?? join(options.home, 'evidence', `${name}.tar.gz`));
    await mkdir(dirname(archive), { recursive: true });
    await mkdir(join(options.home, 'evidence'), { recursive: true, mode: 0o700 });
    work = await mkdtemp(join(options.home, 'evidence', '.export-'));
    const dir = join(work, name);
    await mkdir(join(dir, 'reports'), { recursive: true, mode: 0o700 });
    const put = async (path: string, body: string | Buffer) => {
      await writeFile(join(dir, path), body, { flag: 'wx', mode: 0o600 });
      options.onFile?.(path);
    };
    await put('README.txt', README);
    const { id, startedAt, finishedAt, tool, snapshot, results } = assessment;
    await put(
      'assessment.json',
      `${JSON.stringify({ id, startedAt, finishedAt, tool, snapshot, results }, null, 2)}\n`,
    );
    await put('attestations.json', `${JSON.stringify(await store.attestations.list(), null, 2)}\n`);
    const formats = options.isPdfWanted
      ? (['json', 'oscal', 'html', 'pdf'] as const)
      : (['json', 'oscal', 'html'] as const);
    for (const framework of frameworks) {
      const report = await buildComplianceReport({
        home: options.home,
        cwd: options.cwd,
        framework,
        assessmentId: assessment.id,
        configFile: options.configFile,
        now,
      });
      for (const format of formats) {
        const extension = format === 'oscal' ? 'oscal.json' : format;
        await put(
          `reports/${report.framework.id}.${extension}`,
          await renderComplianceReport(report, format),
        );
      }
    }
    const signer = loadOrCreateSigner(options.home);
    const manifest = await buildManifest(
      dir,
      {
        createdAt: now.toISOString(),
        notes: [`exported by ${TOOL.name} ${TOOL.version}`],
        kind: 'compliance',
        assessment: {
          id: assessment.id,
          startedAt: assessment.startedAt,
          sha256: assessmentSha256(assessment),
        },
        frameworks,
      },
      signer,
    );
    const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
    await writeFile(join(dir, MANIFEST_FILE), manifestText, { flag: 'wx', mode: 0o600 });
    const temporary = join(work, `${name}.tar.gz`);
    await writeBundleArchive(dir, temporary);
    await rename(temporary, archive).catch(async (err: NodeJS.ErrnoException) => {
      // Another filesystem: rename cannot cross it, so copy through a temporary file beside the target.
      if (err.code !== 'EXDEV') throw err;
      const beside = `${archive}.${process.pid}.tmp`;
      await copyFile(temporary, beside);
      await rename(beside, archive);
    });
    const manifestSha256 = createHash('sha256').update(manifestText).digest('hex');
    await appendAudit(
      store,
      {
        actor: localActor(),
        action: 'evidence.exported',
        subject: `assessment:${assessment.id}`,
        data: { archive, manifestSha256, frameworks, files: manifest.files.length + 1 },
      },
      { home: options.home },
    );
    return { archive, files: manifest.files.length + 1, manifestSha256 };
  } catch (err) {
    if (err instanceof CoastguardError) throw err;
    throw new CoastguardError('BAD_INPUT', `Cannot export the evidence bundle: ${(err as Error).message}`, {
      cause: err,
    });
  } finally {
    if (work !== undefined) await rm(work, { recursive: true, force: true });
    await store.close();
  }
}

export interface EvidenceVerifyOptions {
  home: string;
  /** The exporting host's public key (`coastguard audit key`); default this home's key, else the bundle's own. */
  publicKeyFile?: string;
}

export interface EvidenceVerification extends BundleVerdict {
  /** How far the signature proves origin, in words. */
  trust: string;
}

export async function verifyEvidence(
  path: string,
  options: EvidenceVerifyOptions,
): Promise<EvidenceVerification> {
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(path)).isDirectory();
  } catch (err) {
    throw new CoastguardError('BAD_INPUT', `Cannot read ${path}: ${(err as Error).message}.`);
  }
  const trusted =
    options.publicKeyFile === undefined
      ? loadHomePublicKey(options.home)
      : readPublicKeyFile(options.publicKeyFile);
  const trust =
    options.publicKeyFile !== undefined
      ? `signature checked against ${options.publicKeyFile}`
      : trusted !== undefined
        ? "signature checked against this host's audit key"
        : 'no trusted key here: checked against the key the bundle carries (proves integrity, not origin; pass --public-key)';
  const verdict = isDirectory
    ? await verifyEvidenceBundle(path, trusted)
    : await verifyBundleArchive(path, trusted);
  return { ...verdict, trust };
}
