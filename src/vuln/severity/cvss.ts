// Severity of an advisory: from its CVSS v3.x or v4.0 vector, scored by ae-cvss-calculator (FIRST's formulas),
// else from the record's own rating; never guessed. Ratings follow CVSS v3.1 §5 and v4.0 §6 "Qualitative
// Severity Rating Scale" (None 0.0, Low 0.1–3.9, Medium 4.0–6.9, High 7.0–8.9, Critical 9.0–10.0).
import cvssCalculator from 'ae-cvss-calculator';
import type { Severity } from '../../core/result/severity.js';
import type {
  Advisory,
  CvssScore,
  OsvAffected,
  SeverityAssessment,
  VulnerabilitySeverity,
} from '../../core/result/vulnerability.js';

const { Cvss3P0, Cvss3P1, Cvss4P0 } = cvssCalculator;

/** Scores one vector; undefined when it is not a complete, valid CVSS 3.0, 3.1 or 4.0 base vector. */
export function scoreCvss(vector: string): CvssScore | undefined {
  const trimmed = vector.trim();
  const version = /^CVSS:(3\.0|3\.1|4\.0)\//.exec(trimmed)?.[1] as CvssScore['version'] | undefined;
  if (version === undefined) return undefined;
  try {
    const parsed =
      version === '4.0'
        ? new Cvss4P0(trimmed)
        : version === '3.1'
          ? new Cvss3P1(trimmed)
          : new Cvss3P0(trimmed);
    if (!parsed.isBaseFullyDefined()) return undefined;
    const base = parsed.calculateScores().base;
    if (typeof base !== 'number' || !Number.isFinite(base) || base < 0 || base > 10) return undefined;
    return { version, vector: trimmed, baseScore: base };
  } catch {
    return undefined;
  }
}

/** CVSS's qualitative rating; a score of 0.0 ("None") is informational. */
export function ratingOf(score: number): Severity {
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  if (score > 0) return 'low';
  return 'info';
}

/** Ratings as advisory databases spell them: GHSA (`MODERATE`), Debian urgencies, Ubuntu priorities. */
const RECORD_RATINGS: Readonly<Record<string, VulnerabilitySeverity>> = {
  critical: 'critical',
  high: 'high',
  important: 'high',
  moderate: 'medium',
  medium: 'medium',
  low: 'low',
  negligible: 'info',
  // Debian's "unimportant": the security team judged the issue not to affect Debian users in practice.
  unimportant: 'info',
};

/**
 * The advisory's severity for one of its affected entries: the highest-versioned CVSS vector that scores
 * (v4.0, then v3.1, then v3.0), else a rating the record gives (`affected[].ecosystem_specific.severity`,
 * `affected[].database_specific.severity`, `database_specific.severity`, Debian `urgency`), else `unknown`.
 */
export function assessSeverity(advisory: Advisory, affected?: OsvAffected): SeverityAssessment {
  const scores = advisory.severity
    .filter((s) => s.type === 'CVSS_V3' || s.type === 'CVSS_V4')
    .map((s) => scoreCvss(s.score))
    .filter((s): s is CvssScore => s !== undefined)
    .sort((a, b) => (a.version < b.version ? 1 : a.version > b.version ? -1 : 0));
  const best = scores[0];
  if (best !== undefined) return { severity: ratingOf(best.baseScore), source: 'cvss', cvss: best };
  const rated = [
    affected?.ecosystem_specific?.severity,
    affected?.database_specific?.severity,
    advisory.database_specific?.severity,
    affected?.ecosystem_specific?.urgency,
  ]
    .map(readRating)
    .find((r) => r !== undefined);
  return rated === undefined
    ? { severity: 'unknown', source: 'none' }
    : { severity: rated, source: 'record' };
}

function readRating(value: unknown): VulnerabilitySeverity | undefined {
  if (typeof value !== 'string') return undefined;
  // Debian marks unconfirmed urgencies with asterisks ("low**").
  return RECORD_RATINGS[value.trim().replace(/\*+$/, '').toLowerCase()];
}
