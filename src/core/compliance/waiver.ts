// A waiver: an accepted, justified, time-limited exception for a check or a control, set in coastguard.yaml.

/** Which subjects a waiver covers. Every field given must match; an empty scope covers every subject. */
export interface WaiverScope {
  /** Image reference or id; `*` matches any run of characters (e.g. `registry.example/app:*`). */
  image?: string;
  /** Container name (without Docker's leading slash); `*` as in image. */
  container?: string;
  /** Container or image labels that must all be present with these values. */
  labels?: Record<string, string>;
}

export interface Waiver {
  /** Stable id, for reports; defaults to the waiver's position in the file (`waiver-1`). */
  id: string;
  /** Exactly one of check and control. A control is `FRAMEWORK:CONTROL`, e.g. `pci-dss-4.0:2.2.1`. */
  check?: string;
  control?: { framework: string; id: string };
  scope: WaiverScope;
  justification: string;
  approver: string;
  /** ISO date or date-time; from this moment on the waiver no longer applies. */
  expires: string;
}

export interface WaiverApplication {
  waiverId: string;
  /** 'expired' waivers matched a failure but no longer apply: the failure counts. */
  state: 'applied' | 'expired';
  justification: string;
  approver: string;
  expires: string;
  /** How many failed results it covered (or would have, when expired). */
  results: number;
}
