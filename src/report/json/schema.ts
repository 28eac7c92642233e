// The `--format json` document, version 1.0.0: the contract other tools rely on (docs/report-json.md).
// docs/schemas/scan-report-1.0.0.schema.json publishes the same shape as JSON Schema; a test keeps the two in step.
import { z } from 'zod';
import type { Platform } from '../../core/inventory/host.js';
import { CHECK_STATUSES, type SubjectKind } from '../../core/result/check-result.js';
import { SEVERITIES } from '../../core/result/severity.js';

import { SCAN_REPORT_SCHEMA_VERSION } from './schema-version.js';

export { SCAN_REPORT_SCHEMA_VERSION };

const SUBJECT_KINDS = [
  'host',
  'daemon',
  'image',
  'container',
  'network',
] as const satisfies readonly SubjectKind[];
type MissingKind = Exclude<SubjectKind, (typeof SUBJECT_KINDS)[number]>;
const isEveryKindListed: [MissingKind] extends [never] ? true : false = true;
void isEveryKindListed;

const PLATFORMS = [
  'ec2',
  'ecs-ec2',
  'eks',
  'fargate',
  'self-hosted',
  'unknown',
] as const satisfies readonly Platform[];
type MissingPlatform = Exclude<Platform, (typeof PLATFORMS)[number]>;
const isEveryPlatformListed: [MissingPlatform] extends [never] ? true : false = true;
void isEveryPlatformListed;

const Count = z.number().int().nonnegative();
const Timestamp = z.iso.datetime();

export const ReportSubject = z.object({
  kind: z.enum(SUBJECT_KINDS),
  id: z.string(),
  /** For containers, the name without Docker's leading slash. */
  name: z.string(),
});
export type ReportSubject = z.infer<typeof ReportSubject>;

export const ReportResult = z.object({
  checkId: z.string().min(1),
  cisId: z.string().min(1).optional(),
  title: z.string(),
  status: z.enum(CHECK_STATUSES),
  severity: z.enum(SEVERITIES),
  subject: ReportSubject,
  evidence: z.string(),
  remediation: z.string(),
});
export type ReportResult = z.infer<typeof ReportResult>;

export const ReportFinding = z.object({
  fingerprint: z.string().min(1),
  checkId: z.string().min(1),
  cisId: z.string().min(1).optional(),
  title: z.string(),
  severity: z.enum(SEVERITIES),
  subject: ReportSubject,
  firstSeen: Timestamp,
});
export type ReportFinding = z.infer<typeof ReportFinding>;

export const ScanReport = z.object({
  schemaVersion: z.literal(SCAN_REPORT_SCHEMA_VERSION),
  tool: z.literal('coastguard'),
  version: z.string().min(1),
  assessmentId: z.string().min(1),
  startedAt: Timestamp,
  finishedAt: Timestamp,
  host: z.object({
    id: z.string(),
    hostname: z.string(),
    operatingSystem: z.string(),
    kernelVersion: z.string(),
    platform: z.enum(PLATFORMS),
    engineEndpoint: z.string(),
    dockerVersion: z.string(),
  }),
  summary: z.object({
    pass: Count,
    fail: Count,
    manual: Count,
    notApplicable: Count,
    error: Count,
  }),
  inventory: z.object({
    images: Count,
    containers: Count,
    networks: Count,
    containersByState: z.object({
      created: Count,
      running: Count,
      paused: Count,
      restarting: Count,
      removing: Count,
      exited: Count,
      dead: Count,
    }),
  }),
  changes: z
    .object({
      previousAssessmentId: z.string().min(1).optional(),
      opened: z.array(ReportFinding),
      fixed: z.array(ReportFinding),
      stillOpen: Count,
    })
    .optional(),
  notes: z.array(z.object({ subject: z.string(), message: z.string() })),
  results: z.array(ReportResult),
});
export type ScanReport = z.infer<typeof ScanReport>;
