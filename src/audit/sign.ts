// The audit key: an Ed25519 key pair kept in the Coastguard home (created on first use, owner-only), whose public
// half auditors hold to check checkpoint signatures.
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto';
import {
  closeSync,
  fstatSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { CoastguardError } from '../core/errors.js';

export const KEY_FILE = 'audit-key.pem';

/** A PEM key is a few hundred bytes; anything much larger is not one. */
const MAX_KEY_BYTES = 16 * 1024;

export interface AuditPublicKey {
  /** `sha256:` + hex SHA-256 of the public key's SPKI DER encoding. */
  keyId: string;
  /** SPKI PEM, to hand to auditors. */
  pem: string;
  /** Whether `signature` (base64) is this key's Ed25519 signature of `message` (UTF-8). */
  verify(message: string, signature: string): boolean;
}

export interface AuditSigner extends AuditPublicKey {
  /** Base64 Ed25519 signature of `message` (UTF-8). */
  sign(message: string): string;
}

const signers = new Map<string, AuditSigner>();

/**
 * The home's signer, creating the key pair on first use. Two processes creating it at once agree on one key:
 * each writes a private temporary file and links it into place, and the loser of the link reads the winner's.
 */
export function loadOrCreateSigner(home: string): AuditSigner {
  const path = keyPath(home);
  const cached = signers.get(path);
  if (cached !== undefined) return cached;
  const privateKey = readPrivateKey(path) ?? createKeyFile(home, path);
  const signer = toSigner(privateKey);
  signers.set(path, signer);
  return signer;
}

/** The home's public key, without creating one: undefined when the home has no audit key yet. */
export function loadHomePublicKey(home: string): AuditPublicKey | undefined {
  const privateKey = readPrivateKey(keyPath(home));
  return privateKey === undefined ? undefined : toPublicKey(createPublicKey(privateKey));
}

/** A public key an auditor was given (SPKI PEM, as `coastguard audit key` prints it). */
export function readPublicKeyFile(path: string): AuditPublicKey {
  const text = readBounded(path, 'public key file');
  if (text === undefined) {
    throw new CoastguardError('BAD_INPUT', `The public key file ${path} does not exist.`);
  }
  let key: KeyObject;
  try {
    key = createPublicKey(text);
  } catch (err) {
    throw new CoastguardError(
      'BAD_INPUT',
      `The public key file ${path} does not hold a PEM public key (${errorMessage(err)}); ` +
        'use the output of `coastguard audit key`.',
      { cause: err },
    );
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new CoastguardError(
      'BAD_INPUT',
      `The public key in ${path} is ${key.asymmetricKeyType ?? 'not asymmetric'}, not Ed25519; ` +
        'use the output of `coastguard audit key`.',
    );
  }
  return toPublicKey(key);
}

export function parsePublicKeyPem(pem: string, source: string): AuditPublicKey {
  try {
    const key = createPublicKey(pem);
    if (key.asymmetricKeyType === 'ed25519') return toPublicKey(key);
  } catch {
    // Reported below with the source named.
  }
  throw new CoastguardError('BAD_INPUT', `${source} does not hold an Ed25519 public key in PEM form.`);
}

function keyPath(home: string): string {
  return join(home, KEY_FILE);
}

function toPublicKey(key: KeyObject): AuditPublicKey {
  const der = key.export({ type: 'spki', format: 'der' });
  return {
    keyId: `sha256:${createHash('sha256').update(der).digest('hex')}`,
    pem: key.export({ type: 'spki', format: 'pem' }).toString(),
    verify: (message, signature) => {
      const bytes = Buffer.from(signature, 'base64');
      // Ed25519 signatures are 64 bytes; Buffer.from ignores stray characters, so check the round trip too.
      if (bytes.length !== 64 || bytes.toString('base64') !== signature) return false;
      return verify(null, Buffer.from(message, 'utf8'), key, bytes);
    },
  };
}

function toSigner(privateKey: KeyObject): AuditSigner {
  return {
    ...toPublicKey(createPublicKey(privateKey)),
    sign: (message) => sign(null, Buffer.from(message, 'utf8'), privateKey).toString('base64'),
  };
}

/** Undefined when the file does not exist; refused when others can read it or it is not an Ed25519 key. */
function readPrivateKey(path: string): KeyObject | undefined {
  const text = readBounded(path, 'audit key', { isOwnerOnly: true });
  if (text === undefined) return undefined;
  let key: KeyObject;
  try {
    key = createPrivateKey(text);
  } catch (err) {
    throw new CoastguardError(
      'BAD_INPUT',
      `The audit key ${path} is not a PEM private key (${errorMessage(err)}). ` +
        'Restore it from a backup; checkpoints it signed cannot be re-signed by another key.',
      { cause: err },
    );
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new CoastguardError('BAD_INPUT', `The audit key ${path} is not an Ed25519 key.`);
  }
  return key;
}

function createKeyFile(home: string, path: string): KeyObject {
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const temporary = join(home, `.${KEY_FILE}.${process.pid}.${Date.now()}.tmp`);
  try {
    mkdirSync(home, { recursive: true, mode: 0o700 });
    const fd = openSync(temporary, 'wx', 0o600);
    try {
      writeSync(fd, pem);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    try {
      linkSync(temporary, path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      // Another process created the key first: use that one.
      const winner = readPrivateKey(path);
      if (winner !== undefined) return winner;
      throw err;
    }
    syncDirectory(home);
    return privateKey;
  } catch (err) {
    if (err instanceof CoastguardError) throw err;
    throw new CoastguardError('STORE_ERROR', `Cannot create the audit key ${path} (${errorMessage(err)}).`, {
      cause: err,
      exitCode: 2,
    });
  } finally {
    try {
      unlinkSync(temporary);
    } catch {
      // Never created, or already linked and removed.
    }
  }
}

/** Makes the new directory entry itself durable, so a power loss cannot leave a checkpoint without its key. */
function syncDirectory(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function readBounded(
  path: string,
  what: string,
  options: { isOwnerOnly?: boolean } = {},
): string | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new CoastguardError('BAD_INPUT', `Cannot read the ${what} ${path} (${errorMessage(err)}).`, {
      cause: err,
    });
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new CoastguardError('BAD_INPUT', `The ${what} ${path} is not a regular file.`);
    if (options.isOwnerOnly && (stat.mode & 0o077) !== 0) {
      throw new CoastguardError(
        'BAD_INPUT',
        `The ${what} ${path} can be read by other users (mode ${(stat.mode & 0o777).toString(8)}); ` +
          `run chmod 600 ${path} and check who may have copied it.`,
      );
    }
    if (stat.size > MAX_KEY_BYTES) {
      throw new CoastguardError(
        'BAD_INPUT',
        `The ${what} ${path} is larger than a key (${stat.size} bytes).`,
      );
    }
    const buffer = Buffer.alloc(stat.size);
    let read = 0;
    while (read < buffer.length) {
      const n = readSync(fd, buffer, read, buffer.length - read, read);
      if (n === 0) break;
      read += n;
    }
    return buffer.subarray(0, read).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
