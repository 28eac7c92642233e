// A person's signed-off answer to a manual control: who, when, what they state, and the hash of each evidence file
// (the file itself stays where it is; its hash proves later that it is the one that was attested).

export interface AttestedFile {
  /** Absolute path as given when attesting. */
  path: string;
  sha256: string;
  bytes: number;
}

export interface Attestation {
  id: string;
  /** A catalogue id (`pci-dss-4.0`; FedRAMP baselines attest into `nist-800-53-r5`) and one of its control ids. */
  framework: string;
  control: string;
  statement: string;
  by: string;
  /** ISO-8601 UTC. */
  at: string;
  /** ISO date or date-time after which the attestation no longer answers the control. */
  expires?: string;
  files: AttestedFile[];
}

/** An attestation as a report shows it on its control. */
export interface AttestationApplication extends Attestation {
  /** Expired ones are listed but no longer answer the control. */
  state: 'current' | 'expired';
}

/** Whether an attestation recorded against `framework` speaks for a control of `reported` (FedRAMP views share 800-53). */
export function attestationApplies(
  attestation: Pick<Attestation, 'framework'>,
  reported: { id: string; mappingId: string },
): boolean {
  return attestation.framework === reported.id || attestation.framework === reported.mappingId;
}
