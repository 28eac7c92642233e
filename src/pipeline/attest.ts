// `coastguard attest`: a person answers a manual control. The control must exist in the framework; each evidence
// file is hashed (streamed, never copied: it stays where the organisation keeps its evidence); the attestation is
// stored and recorded in the audit trail, or neither.
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { appendAudit } from '../audit/index.js';
import { isFrameworkId, loadFramework } from '../compliance/index.js';
import type { Attestation, AttestedFile } from '../core/compliance/attestation.js';
import { CoastguardError } from '../core/errors.js';
import type { Store } from '../store/index.js';

export interface AttestOptions {
  /** FRAMEWORK:CONTROL, e.g. pci-dss-4.0:12.10.1. */
  control: string;
  statement: string;
  files: readonly string[];
  by: string;
  expires?: string;
  home: string;
  cwd: string;
  now?: Date;
}

/** Evidence files are documents, not disk images: a larger one is most likely the wrong file. */
const MAX_FILE_BYTES = 4 * 1024 * 1024 * 1024;

/** The catalogue and control a FRAMEWORK:CONTROL names; a FedRAMP baseline resolves to NIST SP 800-53. */
export function parseControlRef(value: string): { framework: string; control: string } {
  const at = value.indexOf(':');
  const framework = at < 0 ? '' : value.slice(0, at);
  const control = at < 0 ? '' : value.slice(at + 1);
  if (!isFrameworkId(framework)) {
    throw new CoastguardError(
      'BAD_USAGE',
      `"${value}" is not FRAMEWORK:CONTROL with a known framework (e.g. pci-dss-4.0:12.10.1).`,
    );
  }
  const loaded = loadFramework(framework);
  if (!loaded.controls.some((c) => c.id === control)) {
    throw new CoastguardError('BAD_INPUT', `${framework} has no control "${control}".`);
  }
  return { framework: loaded.mappingId, control };
}

async function hashFile(path: string): Promise<AttestedFile> {
  let bytes: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new Error('not a regular file');
    bytes = info.size;
  } catch (err) {
    throw new CoastguardError('BAD_INPUT', `Cannot attest with ${path}: ${(err as Error).message}.`);
  }
  if (bytes > MAX_FILE_BYTES) {
    throw new CoastguardError(
      'BAD_INPUT',
      `${path} is ${bytes} bytes; evidence files are at most ${MAX_FILE_BYTES}.`,
    );
  }
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return { path, sha256: hash.digest('hex'), bytes };
}

export async function recordAttestation(store: Store, options: AttestOptions): Promise<Attestation> {
  const { framework, control } = parseControlRef(options.control);
  if (options.statement.trim() === '') throw new CoastguardError('BAD_USAGE', 'The statement is empty.');
  if (options.expires !== undefined && Number.isNaN(Date.parse(options.expires))) {
    throw new CoastguardError('BAD_USAGE', `--expires ${options.expires} is not a date (2027-03-31).`);
  }
  const files: AttestedFile[] = [];
  for (const file of options.files) files.push(await hashFile(resolve(options.cwd, file)));
  const attestation: Attestation = {
    id: randomUUID(),
    framework,
    control,
    statement: options.statement.trim(),
    by: options.by,
    at: (options.now ?? new Date()).toISOString(),
    ...(options.expires === undefined ? {} : { expires: options.expires }),
    files,
  };
  await store.attestations.record(attestation);
  try {
    await appendAudit(
      store,
      {
        actor: options.by,
        action: 'attestation.recorded',
        subject: `control:${framework}:${control}`,
        data: {
          attestationId: attestation.id,
          statement: attestation.statement,
          ...(attestation.expires === undefined ? {} : { expires: attestation.expires }),
          files: files.map((f) => ({ path: f.path, sha256: f.sha256, bytes: f.bytes })),
        },
      },
      { home: options.home },
    );
  } catch (err) {
    // Not in the trail means not recorded: an attestation no auditor can trace must not count.
    await store.attestations.remove(attestation.id);
    throw err;
  }
  return attestation;
}
