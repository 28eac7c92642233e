// What `coastguard image scan` reports: the contract of its JSON output (issue 3), plus lineage and warnings.
import type { Diagnostic } from '../diagnostic.js';
import type { Ecosystem } from '../package/ecosystem.js';
import type { CheckResult } from '../result/check-result.js';
import type { CvssScore, VulnerabilitySeverity } from '../result/vulnerability.js';

/** Where a fix comes from: rebuilding on an updated base image, changing the application layers, or nowhere yet. */
export type FixedBy = 'base' | 'application' | 'none';

export interface ScannedLayer {
  readonly diffId: string;
  readonly createdBy?: string;
  /** Part of the base image this one is built on. */
  readonly base: boolean;
}

export interface ScannedPackage {
  readonly name: string;
  readonly version: string;
  readonly ecosystem: Ecosystem;
  readonly purl: string;
  /** diffId of the layer that brought it. */
  readonly layer: string;
  readonly location?: string;
}

export interface ScannedVulnerability {
  readonly id: string;
  readonly aliases: readonly string[];
  readonly package: string;
  readonly ecosystem: Ecosystem;
  readonly installedVersion: string;
  /** The lowest version that fixes it; absent when there is none yet. */
  readonly fixedVersion?: string;
  readonly severity: VulnerabilitySeverity;
  readonly cvss?: CvssScore;
  readonly layer: string;
  readonly fixedBy: FixedBy;
  readonly summary?: string;
}

export interface ScannedSecret {
  readonly type: string;
  readonly path: string;
  /** diffId of the layer holding it, or `config` for the image configuration. */
  readonly layer: string;
  readonly hash: string;
  readonly line?: number;
}

export interface ImageScanResult {
  readonly image: {
    readonly ref: string;
    readonly digest: string;
    readonly tags: readonly string[];
    readonly os?: { readonly id: string; readonly versionId?: string; readonly prettyName?: string };
  };
  readonly layers: readonly ScannedLayer[];
  /** The image whose layers this one is built on, when one was found. */
  readonly baseImage?: { readonly ref: string; readonly layers: number };
  readonly packages: readonly ScannedPackage[];
  readonly vulnerabilities: readonly ScannedVulnerability[];
  readonly secrets: readonly ScannedSecret[];
  /** Things the user should know about the scan itself, e.g. an old or empty vulnerability database. */
  readonly warnings: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
  readonly scannedAt: string;
  /** The image judged against `imagePolicy:` of coastguard.yaml, when one is configured. */
  readonly policy?: readonly CheckResult[];
}
