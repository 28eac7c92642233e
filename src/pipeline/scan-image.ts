// `coastguard image scan`: open the image → stream its layers through the analyzers → packages, OS and secrets →
// match the packages against the offline vulnerability database → lineage (base image layers) → fixedBy.

import type { ImagePolicy } from '../core/image/image-policy.js';
import type {
  ImageScanResult,
  ScannedPackage,
  ScannedSecret,
  ScannedVulnerability,
} from '../core/image/image-scan.js';
import type { Package } from '../core/package/package.js';
import { aggregateFindings } from '../image/analyze-image.js';
import { analyzers, findEnvSecrets } from '../image/analyzer/index.js';
import { walkLayers } from '../image/layers/walk-layers.js';
import { fixedByOf } from '../image/lineage.js';
import { openImage } from '../image/sources/index.js';
import { openStore, type Store } from '../store/index.js';
import { distroOf } from '../vuln/db/osv-ecosystem.js';
import { matchPackages } from '../vuln/match/index.js';
import { assessSeverity } from '../vuln/severity/cvss.js';
import { findBaseImageOf } from './base-image.js';
import { imageNames, withPolicy } from './image-policy.js';

export interface ScanImageOptions {
  readonly ref: string;
  readonly home: string;
  readonly signal?: AbortSignal;
  /** Progress lines for the operator (stderr). */
  readonly onProgress?: (line: string) => void;
  /** Warn when the newest advisory import is older than this (default 7 days). */
  readonly maxDatabaseAgeDays?: number;
  /** Judge the image against this policy (the result's `policy`). */
  readonly policy?: ImagePolicy;
  readonly now?: () => Date;
}

const DAY_MS = 86_400_000;

export async function scanImage(options: ScanImageOptions): Promise<ImageScanResult> {
  const now = options.now ?? (() => new Date());
  const progress = options.onProgress ?? (() => {});
  progress(`opening ${options.ref}`);
  const handle = await openImage(options.ref, options.signal === undefined ? {} : { signal: options.signal });
  const diffIds = handle.layers.map((l) => l.diffId);
  // Lineage (the engine's images) and the store need nothing from the layers: they are fetched while the walk,
  // which is CPU-bound, runs. Neither rejects (lineage turns failures into a warning; the store's error is kept).
  const lineagePending = findBaseImageOf(handle, diffIds, options.signal);
  const storePending = openStore({ home: options.home }).then(
    (store) => ({ store }),
    (error: unknown) => ({ error }),
  );
  try {
    const files = await walkLayers(handle, Object.values(analyzers), {
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      onLayer: (layer, total) => progress(`layer ${layer.index + 1}/${total} ${layer.diffId.slice(7, 19)}`),
    }).catch(async (err: unknown) => {
      const opened = await storePending;
      if ('store' in opened) await opened.store.close();
      throw err;
    });
    const opened = await storePending;
    if ('error' in opened) throw opened.error;
    const { store } = opened;
    let found: ReturnType<typeof aggregateFindings>;
    let lineage: Awaited<typeof lineagePending>;
    let baseLayers: number;
    let vulnerabilities: ScannedVulnerability[];
    let warnings: string[];
    try {
      found = aggregateFindings(files);
      lineage = await lineagePending;
      baseLayers = lineage.base?.layers.length ?? 0;
      const layerIndex = new Map(diffIds.map((d, i) => [d, i]));
      progress('matching packages against the vulnerability database');
      warnings = [
        ...(await databaseWarnings(store, now(), options.maxDatabaseAgeDays ?? 7)),
        ...lineage.warnings,
      ];
      vulnerabilities = await findVulnerabilities(store, found.packages, found.os, (pkg) =>
        fixedByIndex(pkg, layerIndex, baseLayers),
      );
    } finally {
      await store.close();
    }

    const secrets: ScannedSecret[] = [
      ...found.secrets.map(({ type, path, layer, hash, line }) => ({
        type,
        path,
        layer,
        hash,
        ...(line === undefined ? {} : { line }),
      })),
      ...findEnvSecrets(handle.config.config?.Env ?? []).map(({ type, path, hash }) => ({
        type,
        path,
        layer: 'config',
        hash,
      })),
    ];
    const result: ImageScanResult = {
      image: {
        ref: options.ref,
        digest: handle.imageId,
        tags: handle.tags,
        ...(found.os === undefined ? {} : { os: found.os }),
      },
      layers: handle.layers.map((layer, index) => {
        const createdBy = files.find((f) => f.event.layer.index === index)?.event.layer.createdBy;
        return {
          diffId: layer.diffId,
          ...(createdBy === undefined ? {} : { createdBy }),
          base: index < baseLayers,
        };
      }),
      ...(lineage.base === undefined
        ? {}
        : { baseImage: { ref: lineage.base.ref, layers: lineage.base.layers.length } }),
      packages: found.packages.map(toScannedPackage),
      vulnerabilities,
      secrets,
      warnings,
      diagnostics: found.diagnostics,
      scannedAt: now().toISOString(),
    };
    return options.policy === undefined
      ? result
      : withPolicy(result, options.policy, imageNames(options.ref, handle.tags));
  } finally {
    await handle.close();
  }
}

function toScannedPackage(pkg: Package): ScannedPackage {
  return {
    name: pkg.name,
    version: pkg.version,
    ecosystem: pkg.ecosystem,
    purl: pkg.purl ?? '',
    layer: pkg.layer ?? '',
    ...(pkg.location === undefined ? {} : { location: pkg.location }),
  };
}

function fixedByIndex(pkg: Package, layerIndex: ReadonlyMap<string, number>, baseLayers: number) {
  return (fixedVersion: string | undefined) =>
    fixedByOf(fixedVersion, layerIndex.get(pkg.layer ?? '') ?? -1, baseLayers);
}

async function findVulnerabilities(
  store: Store,
  packages: readonly Package[],
  os: { id: string; versionId?: string } | undefined,
  fixedBy: (pkg: Package) => (fixedVersion: string | undefined) => ScannedVulnerability['fixedBy'],
): Promise<ScannedVulnerability[]> {
  const context = os === undefined ? undefined : distroOf(os.id, os.versionId);
  const outcomes = await matchPackages(packages, store.advisories, context ?? {});
  const out: ScannedVulnerability[] = [];
  for (const outcome of outcomes) {
    if (outcome.kind !== 'affected') continue;
    const { advisory, package: pkg } = outcome;
    const fixedVersion = outcome.fixedVersions[0];
    const severity = assessSeverity(advisory, outcome.affectedEntry);
    out.push({
      id: advisory.id,
      aliases: [...advisory.aliases],
      package: pkg.name,
      ecosystem: pkg.ecosystem,
      installedVersion: pkg.version,
      ...(fixedVersion === undefined ? {} : { fixedVersion }),
      severity: severity.severity,
      ...(severity.cvss === undefined ? {} : { cvss: severity.cvss }),
      layer: pkg.layer ?? '',
      fixedBy: fixedBy(pkg)(fixedVersion),
      ...(advisory.summary === undefined ? {} : { summary: advisory.summary }),
    });
  }
  return out;
}

async function databaseWarnings(store: Store, now: Date, maxAgeDays: number): Promise<string[]> {
  const sources = await store.advisories.listSources();
  if (sources.length === 0) {
    return [
      'The vulnerability database is empty: no vulnerabilities can be reported. Run `coastguard db update --source PATH|URL`.',
    ];
  }
  const newest = Math.max(...sources.map((s) => Date.parse(s.importedAt)));
  const days = Math.floor((now.getTime() - newest) / DAY_MS);
  return days > maxAgeDays
    ? [
        `The vulnerability database was last updated ${days} days ago (more than ${maxAgeDays}); run \`coastguard db update\`.`,
      ]
    : [];
}
