// Table types of the Coastguard database, as Kysely sees them. Portable by construction: ids, timestamps
// (ISO-8601 UTC, so text order is time order) and JSON are TEXT; counts are INTEGER; packed bytes are BLOB (bytea).
import type { SubjectKind } from '../core/result/check-result.js';
import type { FindingState } from '../core/result/finding.js';
import type { Severity } from '../core/result/severity.js';

export interface AssessmentTable {
  id: string;
  host_id: string;
  hostname: string;
  started_at: string;
  finished_at: string;
  tool_name: string;
  tool_version: string;
  /** The Snapshot as JSON. It holds environment variable names only, never values. */
  snapshot: string;
  summary_pass: number;
  summary_fail: number;
  summary_manual: number;
  summary_not_applicable: number;
  summary_error: number;
  previous_assessment_id: string | null;
  opened_count: number;
  fixed_count: number;
  still_open_count: number;
  /** FindingChanges as JSON, as they stood when this assessment was recorded (for re-reporting). */
  changes: string | null;
}

/** One assessment's results, in the order the checks produced them (see packed-results.ts). */
export interface AssessmentResultsTable {
  assessment_id: string;
  result_count: number;
  /** Gzip of the JSON array of CheckResult. */
  packed: Uint8Array;
}

export interface FindingTable {
  fingerprint: string;
  host_id: string;
  check_id: string;
  cis_id: string | null;
  title: string;
  severity: Severity;
  subject_kind: SubjectKind;
  subject_id: string;
  subject_name: string;
  evidence: string;
  remediation: string;
  state: FindingState;
  first_seen: string;
  last_seen: string;
  fixed_at: string | null;
  reopened_at: string | null;
  reopen_count: number;
  first_assessment_id: string;
  last_assessment_id: string;
}

/** One audit entry; `data` is the canonical JSON text that was hashed, byte for byte. */
export interface AuditEntryTable {
  seq: number;
  time: string;
  actor: string;
  action: string;
  subject: string;
  data: string;
  prev_hash: string;
  hash: string;
}

export interface AuditCheckpointTable {
  seq: number;
  hash: string;
  time: string;
  key_id: string;
  signature: string;
}

/** One import source of the vulnerability database; replaced whole by each import. */
export interface AdvisorySourceTable {
  id: string;
  kind: string;
  imported_at: string;
  record_count: number;
  newest_modified: string | null;
}

export interface AdvisoryTable {
  source_id: string;
  id: string;
  modified: string;
  withdrawn: string | null;
  /** The validated OSV record (core Advisory) as JSON. */
  record: string;
}

export interface AdvisoryPackageTable {
  source_id: string;
  advisory_id: string;
  /** Coastguard's Ecosystem, not OSV's string: the lookup key of a package. */
  ecosystem: string;
  /** Normalised for the ecosystem (PEP 503 for PyPI). */
  name: string;
}

export interface AdvisoryAliasTable {
  source_id: string;
  advisory_id: string;
  /** From `aliases` and `upstream`. */
  alias: string;
}

export interface RuntimeAlertTable {
  /** The aggregation key: rule, container and rendered output. */
  key: string;
  rule: string;
  priority: string;
  output: string;
  container_id: string;
  container_name: string | null;
  image: string | null;
  /** The alert's fields as JSON, as of its last occurrence. */
  fields: string;
  /** JSON array. */
  tags: string;
  count: number;
  first_seen: string;
  last_seen: string;
}

export interface RuntimeBaselineImageTable {
  /** The image digest (or id) the baseline belongs to. */
  image: string;
  image_name: string | null;
  learn_started_at: string;
  learn_until: string;
}

export interface RuntimeBaselineItemTable {
  image: string;
  kind: string;
  value: string;
  first_seen: string;
}

export interface AttestationTable {
  id: string;
  framework: string;
  control: string;
  statement: string;
  attested_by: string;
  attested_at: string;
  expires: string | null;
  /** JSON array of AttestedFile. */
  files: string;
}

export interface ImageScanTable {
  image_id: string;
  /** Which advisories the result was matched against (sources and their import times). */
  database_fingerprint: string;
  scanned_at: string;
  /** JSON ImageScanResult. */
  result: string;
}

export interface Database {
  assessments: AssessmentTable;
  assessment_results: AssessmentResultsTable;
  findings: FindingTable;
  audit_entries: AuditEntryTable;
  audit_checkpoints: AuditCheckpointTable;
  advisory_sources: AdvisorySourceTable;
  advisories: AdvisoryTable;
  advisory_packages: AdvisoryPackageTable;
  advisory_aliases: AdvisoryAliasTable;
  runtime_alerts: RuntimeAlertTable;
  attestations: AttestationTable;
  image_scans: ImageScanTable;
  runtime_baseline_images: RuntimeBaselineImageTable;
  runtime_baseline_items: RuntimeBaselineItemTable;
}
