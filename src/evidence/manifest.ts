// The evidence manifest: SHA-256 and size of every file of a bundle, signed with the home's Ed25519 key, and its
// verification. Shared by runtime captures and compliance evidence bundles. Format (manifest.json, UTF-8 JSON):
//   { format: "coastguard-evidence", version: 1, createdAt, notes: [string], ...what the bundle is about
//     (a capture: container {id,name,image}, alert {...} | null; a compliance bundle: kind, assessment, frameworks),
//     files: [{ path, size, sha256 }], keyId, publicKey (SPKI PEM), signature }
// `signature` is base64 Ed25519 over canonicalize(manifest without `signature`) (RFC 8785 rules, as the audit
// trail uses), so any change to a listed hash, the file list, the notes or the key is detected.
import { createHash, createPublicKey, verify } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { canonicalize } from '../core/audit/audit-entry.js';

export const MANIFEST_FILE = 'manifest.json';
export const MANIFEST_FORMAT = 'coastguard-evidence';
export const MANIFEST_VERSION = 1;
/** A manifest lists at most a few thousand files; anything far larger is not one of ours. */
export const MAX_MANIFEST_BYTES = 16 * 1024 * 1024;

/** Signs with the home's key (the audit signer fits). */
export interface EvidenceSigner {
  keyId: string;
  /** SPKI PEM. */
  pem: string;
  sign(message: string): string;
}

/** Checks a signature (the audit public key fits). */
export interface EvidenceVerifier {
  keyId: string;
  verify(message: string, signature: string): boolean;
}

export interface ManifestFile {
  /** Relative to the bundle directory, `/`-separated. */
  path: string;
  size: number;
  sha256: string;
}

/** What a bundle says about itself besides its files: when and notes; `About` adds what it is about. */
export interface ManifestHeader {
  createdAt: string;
  notes: string[];
}

export type EvidenceManifest<About extends object = Record<string, unknown>> = ManifestHeader &
  About & {
    format: typeof MANIFEST_FORMAT;
    version: typeof MANIFEST_VERSION;
    files: ManifestFile[];
    keyId: string;
    publicKey: string;
    signature: string;
  };

export async function hashFile(path: string): Promise<{ size: number; sha256: string }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { size, sha256: hash.digest('hex') };
}

/** Every regular file under `dir` except the manifest, sorted; anything else (links, devices) is an error. */
export async function listBundleFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (current: string): Promise<void> => {
    for (const entry of await readdir(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) found.push(relative(dir, path).split(sep).join('/'));
      else throw new Error(`${path} is neither a file nor a directory`);
    }
  };
  await walk(dir);
  return found.filter((p) => p !== MANIFEST_FILE).sort();
}

export function signedMessage(manifest: Omit<EvidenceManifest<object>, 'signature'>): string {
  return canonicalize(manifest);
}

export async function buildManifest<About extends object>(
  dir: string,
  header: ManifestHeader & About,
  signer: EvidenceSigner,
): Promise<EvidenceManifest<About>> {
  const files: ManifestFile[] = [];
  for (const path of await listBundleFiles(dir)) files.push({ path, ...(await hashFile(join(dir, path))) });
  const unsigned = {
    format: MANIFEST_FORMAT,
    version: MANIFEST_VERSION,
    ...header,
    files,
    keyId: signer.keyId,
    publicKey: signer.pem,
  } as const;
  return { ...unsigned, signature: signer.sign(signedMessage(unsigned)) };
}

export interface BundleVerdict {
  isValid: boolean;
  /** One sentence per problem, naming the file. */
  problems: string[];
  manifest?: EvidenceManifest;
}

/** A file as found in a bundle (directory or archive). */
export interface FoundFile {
  size: number;
  sha256: string;
}

/**
 * Judges a bundle from its manifest's text and the files found beside it: the manifest parses and its signature
 * holds (with `trusted`'s key when given, else the key the manifest carries, which proves integrity but not
 * origin), every listed file is found with its size and hash, and nothing is found that the manifest does not list.
 * `where` names the manifest in messages.
 */
export function judgeBundle(
  manifestText: string,
  found: ReadonlyMap<string, FoundFile>,
  where: string,
  trusted?: EvidenceVerifier,
): BundleVerdict {
  let manifest: EvidenceManifest;
  try {
    manifest = JSON.parse(manifestText) as EvidenceManifest;
  } catch (err) {
    return { isValid: false, problems: [`${where} is not JSON: ${(err as Error).message}`] };
  }
  if (
    manifest?.format !== MANIFEST_FORMAT ||
    manifest.version !== MANIFEST_VERSION ||
    !Array.isArray(manifest.files)
  ) {
    return { isValid: false, problems: [`${where} is not a version ${MANIFEST_VERSION} evidence manifest`] };
  }
  const problems: string[] = [];
  const { signature, ...unsigned } = manifest;
  const verifier = trusted ?? publicKeyVerifier(manifest.publicKey, manifest.keyId);
  if (trusted !== undefined && trusted.keyId !== manifest.keyId) {
    problems.push(`the manifest was signed by key ${manifest.keyId}, not the trusted key ${trusted.keyId}`);
  }
  let isSigned = false;
  try {
    isSigned = verifier?.verify(signedMessage(unsigned), String(signature)) === true;
  } catch {
    isSigned = false;
  }
  if (!isSigned) problems.push(`the manifest signature does not verify: ${where} was altered`);

  const listed = new Set<string>();
  for (const file of manifest.files) {
    const path = String(file?.path);
    listed.add(path);
    if (path.split('/').includes('..') || path.startsWith('/')) {
      problems.push(`the manifest lists a path outside the bundle: ${path}`);
      continue;
    }
    const actual = found.get(path);
    if (actual === undefined) problems.push(`${path} is missing`);
    else if (actual.size !== file.size || actual.sha256 !== file.sha256)
      problems.push(`${path} was modified`);
  }
  for (const path of [...found.keys()].sort()) {
    if (!listed.has(path)) problems.push(`${path} is not in the manifest`);
  }
  return { isValid: problems.length === 0, problems, manifest };
}

/** Checks a bundle directory (see judgeBundle). */
export async function verifyEvidenceBundle(dir: string, trusted?: EvidenceVerifier): Promise<BundleVerdict> {
  const manifestPath = join(dir, MANIFEST_FILE);
  let manifestText: string;
  try {
    const stat = await lstat(manifestPath);
    if (!stat.isFile() || stat.size > MAX_MANIFEST_BYTES) {
      return { isValid: false, problems: [`${manifestPath} is not a manifest file`] };
    }
    manifestText = await readFile(manifestPath, 'utf8');
  } catch (err) {
    return { isValid: false, problems: [`cannot read ${manifestPath}: ${(err as Error).message}`] };
  }
  const found = new Map<string, FoundFile>();
  try {
    for (const path of await listBundleFiles(dir)) found.set(path, await hashFile(join(dir, path)));
  } catch (err) {
    return { isValid: false, problems: [(err as Error).message] };
  }
  return judgeBundle(manifestText, found, manifestPath, trusted);
}

function publicKeyVerifier(pem: unknown, keyId: unknown): EvidenceVerifier | undefined {
  if (typeof pem !== 'string') return undefined;
  try {
    const key = createPublicKey(pem);
    if (key.asymmetricKeyType !== 'ed25519') return undefined;
    const der = key.export({ type: 'spki', format: 'der' });
    const actualId = `sha256:${createHash('sha256').update(der).digest('hex')}`;
    if (actualId !== keyId) return undefined;
    return {
      keyId: actualId,
      verify: (message, signature) => {
        const bytes = Buffer.from(signature, 'base64');
        if (bytes.length !== 64 || bytes.toString('base64') !== signature) return false;
        return verify(null, Buffer.from(message, 'utf8'), key, bytes);
      },
    };
  } catch {
    return undefined;
  }
}
