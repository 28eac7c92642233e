// Stable identity of a finding across scans, so first-seen / last-seen / fixed can be tracked.
import { hash } from 'node:crypto';
import type { CheckResult } from './check-result.js';

/**
 * Check + CIS id + subject. Containers and networks are keyed by name, not id: a service recreated under the
 * same name is the same place to fix, and ids change on every `docker run`. Images are keyed by id (content).
 */
export function fingerprintResult(
  hostId: string,
  result: Pick<CheckResult, 'checkId' | 'cisId' | 'subject'>,
): string {
  const { subject } = result;
  const key = subject.kind === 'container' || subject.kind === 'network' ? subject.name : subject.id;
  const material = [hostId, result.checkId, result.cisId ?? '', subject.kind, key].join('\u0000');
  // One-shot hash: a scan fingerprints every result (thousands on a large host), and a Hash object each costs 2-3×.
  return hash('sha256', material, 'hex').slice(0, 32);
}
