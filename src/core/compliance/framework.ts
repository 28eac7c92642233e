// Compliance frameworks as Coastguard holds them: a catalogue of controls, and the check-to-control mapping.

/** Who must make a check's condition true on a platform; 'aws' is the provider's side (shown as inherited). */
export type Responsibility = 'customer' | 'shared' | 'aws' | 'n/a';

/**
 * The platforms the shared-responsibility model distinguishes. `Host.platform` 'fargate' does not say which
 * orchestrator runs the task; coastguard.yaml may say `ecs-fargate` or `eks-fargate`.
 */
export type ResponsibilityPlatform =
  | 'self-hosted'
  | 'ec2'
  | 'ecs-ec2'
  | 'eks'
  | 'ecs-fargate'
  | 'eks-fargate';

/** The platforms an evaluation accepts: the mapping's own, or plain 'fargate' when the orchestrator is not known. */
export const COMPLIANCE_PLATFORMS = [
  'self-hosted',
  'ec2',
  'ecs-ec2',
  'eks',
  'fargate',
  'ecs-fargate',
  'eks-fargate',
] as const;
export type CompliancePlatform = (typeof COMPLIANCE_PLATFORMS)[number];

export interface ControlGroup {
  id: string;
  title: string;
}

export interface Control {
  id: string;
  title: string;
  /** Requirement, section or family the control belongs to. */
  group: ControlGroup;
  /** One sentence in Coastguard's own words (never the standard's text). */
  description: string;
  /** The control's id in NIST's OSCAL catalogue (`ac-2`), where one exists. */
  oscalId?: string;
}

export interface Framework {
  id: string;
  name: string;
  version: string;
  publisher: string;
  scope: string;
  notes: string[];
  /** The catalogue (for a view such as fedramp-moderate: the base catalogue's id) the mapping is keyed by. */
  mappingId: string;
  /** Set when the framework is evaluated through another one's controls because public data is thin. */
  crosswalk?: { framework: string; note: string };
  /**
   * A CheckResult field that names the control the result is about (CIS results carry `cisId`): such a result
   * counts only for that control, although its check maps to several.
   */
  resultsCarryControlId?: 'cisId';
  controls: Control[];
}

/** One check's entry in the mapping: the controls it supports per framework and who owns it per platform. */
export interface CheckMapping {
  checkId: string;
  title: string;
  /** automated: decided from machine state; partial: machine evidence plus review or an allowlist. */
  automation: 'automated' | 'partial';
  /** False while Coastguard does not run the check: its controls have no automated evidence from it yet. */
  isImplemented: boolean;
  /** Framework (mapping) id → control ids. */
  controls: Record<string, string[]>;
  responsibility: Record<ResponsibilityPlatform, Responsibility>;
}
