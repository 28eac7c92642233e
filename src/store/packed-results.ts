// One assessment's results as one compressed row: how the store keeps them (they are read back only whole).
// The check's own texts (id, CIS id, title, remediation) repeat for every subject, so each distinct set is written
// once and results point at it; that makes the JSON a fifth of its size and the compression three times faster.
import { gunzipSync, gzipSync, constants as zlib } from 'node:zlib';
import type { CheckResult } from '../core/result/check-result.js';
import { corruptStoreError, errorMessage } from './errors.js';

/** Far above any real assessment (200 containers unpack to ~1 MB); a damaged row cannot exhaust memory. */
const MAX_UNPACKED_BYTES = 512 * 1024 * 1024;

const FORMAT = 1;

type CheckTexts = [checkId: string, cisId: string | null, title: string, remediation: string];
type PackedResult = [
  texts: number,
  status: CheckResult['status'],
  severity: CheckResult['severity'],
  kind: CheckResult['subject']['kind'],
  id: string,
  name: string,
  evidence: string,
];

interface Packed {
  format: typeof FORMAT;
  texts: CheckTexts[];
  results: PackedResult[];
}

export function packResults(results: readonly CheckResult[]): Uint8Array {
  const texts: CheckTexts[] = [];
  const index = new Map<string, number>();
  const packed = results.map((r): PackedResult => {
    const entry: CheckTexts = [r.checkId, r.cisId ?? null, r.title, r.remediation];
    // The CIS id is marked present or absent so that no id can stand for a missing one.
    const key = `${r.checkId}\u0000${r.cisId === undefined ? '-' : `+${r.cisId}`}\u0000${r.title}\u0000${r.remediation}`;
    let at = index.get(key);
    if (at === undefined) {
      at = texts.push(entry) - 1;
      index.set(key, at);
    }
    return [at, r.status, r.severity, r.subject.kind, r.subject.id, r.subject.name, r.evidence];
  });
  const body: Packed = { format: FORMAT, texts, results: packed };
  return gzipSync(JSON.stringify(body), { level: zlib.Z_BEST_SPEED });
}

export function unpackResults(
  packed: Uint8Array,
  count: number,
  what: string,
  location: string,
): CheckResult[] {
  const damaged = (detail: string, cause?: unknown) =>
    corruptStoreError(location, `${what} cannot be read: ${detail}`, cause);
  let body: Packed;
  try {
    body = JSON.parse(gunzipSync(packed, { maxOutputLength: MAX_UNPACKED_BYTES }).toString('utf8')) as Packed;
  } catch (err) {
    throw damaged(errorMessage(err), err);
  }
  if (body?.format !== FORMAT || !Array.isArray(body.texts) || !Array.isArray(body.results)) {
    throw damaged('not a packed result set this version reads');
  }
  if (body.results.length !== count) throw damaged(`it holds ${body.results.length} results, not ${count}`);
  return body.results.map(([at, status, severity, kind, id, name, evidence]) => {
    const texts = body.texts[at];
    if (texts === undefined) throw damaged(`a result points at check texts #${at}, which are missing`);
    const [checkId, cisId, title, remediation] = texts;
    return {
      checkId,
      ...(cisId === null ? {} : { cisId }),
      title,
      status,
      severity,
      subject: { kind, id, name },
      evidence,
      remediation,
    };
  });
}
